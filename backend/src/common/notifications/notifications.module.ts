import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { LocalNotificationBus, NotificationBus } from 'src/common/notifications/notification-bus.js';
import { PgNotificationBus, RedisNotificationBus } from 'src/common/notifications/notification-transports.js';
import { REDIS } from 'src/common/redis/redis.module.js';
import { AppConfigService } from 'src/config/app-config.service.js';

@Injectable()
class NotificationsLifecycle implements OnApplicationShutdown {
  constructor(@Inject(NotificationBus) private readonly bus: NotificationBus) {}
  async onApplicationShutdown(): Promise<void> {
    if ('close' in this.bus) await (this.bus as unknown as { close(): Promise<void> }).close();
  }
}

/**
 * Provides the NotificationBus: Redis pub/sub when REDIS_URL is set, PostgreSQL LISTEN/NOTIFY on an
 * external app database, local delivery only on the embedded database (single instance).
 */
@Global()
@Module({
  providers: [
    {
      provide: NotificationBus,
      inject: [AppConfigService, REDIS],
      useFactory: (config: AppConfigService, redis: Redis | null): NotificationBus => {
        if (redis) return new RedisNotificationBus(redis);
        const url = config.get('databaseUrl');
        return url ? new PgNotificationBus(url, config.get('databaseSsl')) : new LocalNotificationBus();
      },
    },
    NotificationsLifecycle,
  ],
  exports: [NotificationBus],
})
export class NotificationsModule {}
