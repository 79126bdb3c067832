import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseModule } from 'src/common/database/database.module.js';
import { NotificationsModule } from 'src/common/notifications/notifications.module.js';
import { RedisModule } from 'src/common/redis/redis.module.js';
import { ConfigError, loadConfig, type AppConfig } from 'src/config/app-config.service.js';
import { ConfigModule } from 'src/config/config.module.js';
import { resolveRuntimeSecrets } from 'src/config/runtime-secrets.js';
import { SigningKeyEntity } from 'src/tokens/signing-key.entity.js';
import { SigningKeysRepository } from 'src/tokens/signing-keys.repository.js';
import { SigningKeysService } from 'src/tokens/signing-keys.service.js';

@Module({})
class RotateSigningKeyModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: RotateSigningKeyModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule, RedisModule, NotificationsModule, TypeOrmModule.forFeature([SigningKeyEntity])],
      providers: [SigningKeysRepository, SigningKeysService],
    };
  }
}

/**
 * `npm run rotate-signing-key -w backend`: makes a new current token signing key and retires the old one
 * (it keeps verifying until the tokens it signed expire), then announces `signing-key.changed` so every
 * instance reloads its keys (instances also reload on an unknown kid and every minute).
 */
async function main(): Promise<void> {
  const config = resolveRuntimeSecrets(loadConfig());
  const app = await NestFactory.createApplicationContext(RotateSigningKeyModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    await app.init();
    const kid = await app.get(SigningKeysService).rotate();
    console.log(`New token signing key ${kid}; the previous key keeps verifying until its tokens expire.`);
  } finally {
    await app.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
