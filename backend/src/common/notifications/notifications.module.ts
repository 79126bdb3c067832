import { Global, Module } from '@nestjs/common';
import { LocalNotificationBus, NotificationBus } from 'src/common/notifications/notification-bus.js';

/** Provides the NotificationBus. The Redis / PostgreSQL transports replace the local-only bus here. */
@Global()
@Module({ providers: [{ provide: NotificationBus, useClass: LocalNotificationBus }], exports: [NotificationBus] })
export class NotificationsModule {}
