import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClientEntity } from 'src/clients/client.entity.js';
import { ClientCredentialsService } from 'src/clients/client-credentials.service.js';
import { ClientsController } from 'src/clients/clients.controller.js';
import { ClientsRepository } from 'src/clients/clients.repository.js';
import { ClientsService } from 'src/clients/clients.service.js';
import { GroupsModule } from 'src/groups/groups.module.js';

@Module({
  imports: [TypeOrmModule.forFeature([ClientEntity]), GroupsModule],
  controllers: [ClientsController],
  providers: [ClientsRepository, ClientsService, ClientCredentialsService],
  exports: [ClientsRepository, ClientCredentialsService, ClientsService],
})
export class ClientsModule {}
