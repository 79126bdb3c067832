import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClientsModule } from 'src/clients/clients.module.js';
import { SigningKeyEntity } from 'src/tokens/signing-key.entity.js';
import { SigningKeysRepository } from 'src/tokens/signing-keys.repository.js';
import { SigningKeysService } from 'src/tokens/signing-keys.service.js';
import { TokenGrantService } from 'src/tokens/token-grant.service.js';
import { TokenService } from 'src/tokens/token.service.js';
import { TokensController } from 'src/tokens/tokens.controller.js';

/** Gateway tokens: signing keys, JWKS, the token endpoints. Exports TokenService (verify) for the gateway. */
@Module({
  imports: [TypeOrmModule.forFeature([SigningKeyEntity]), ClientsModule],
  controllers: [TokensController],
  providers: [SigningKeysRepository, SigningKeysService, TokenService, TokenGrantService],
  exports: [TokenService, SigningKeysService],
})
export class TokensModule {}
