import { Module } from '@nestjs/common';
import { ApisModule } from 'src/apis/apis.module.js';
import { PublishedOpenApiController } from 'src/published-openapi/published-openapi.controller.js';
import { PublishedOpenApiRepository } from 'src/published-openapi/published-openapi.repository.js';
import { PublishedOpenApiService } from 'src/published-openapi/published-openapi.service.js';
import { TokensModule } from 'src/tokens/tokens.module.js';

@Module({
  imports: [ApisModule, TokensModule],
  controllers: [PublishedOpenApiController],
  providers: [PublishedOpenApiRepository, PublishedOpenApiService],
})
export class PublishedOpenApiModule {}
