import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AppConfigService, parseEncryptionKeys, type AppConfig } from 'src/config/app-config.service.js';
import { EncryptionService } from 'src/common/crypto/encryption.service.js';

/** Provides the validated config (and what derives from it alone) to every module. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    const service = new AppConfigService(config);
    return {
      module: ConfigModule,
      providers: [
        { provide: AppConfigService, useValue: service },
        { provide: EncryptionService, useFactory: () => new EncryptionService(parseEncryptionKeys(config.encryptionKey ?? '')) },
      ],
      exports: [AppConfigService, EncryptionService],
    };
  }
}
