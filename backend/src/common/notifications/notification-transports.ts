import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import pg from 'pg';
import { LocalNotificationBus, type ChangeMessage } from 'src/common/notifications/notification-bus.js';

const CHANNEL = 'qg_changes';
const TOPICS = new Set(['api.changed', 'api-module.changed', 'macro.changed', 'datasource.changed', 'client.changed', 'group.changed', 'signing-key.changed']);

interface WireMessage extends ChangeMessage {
  origin: string;
}

/** Shared by both transports: local delivery at once, remote messages from other instances only. */
abstract class RemoteBus extends LocalNotificationBus {
  override readonly crossInstance: boolean = true;
  protected readonly origin = randomUUID();
  protected readonly logger = new Logger('NotificationBus');

  override async publish(message: ChangeMessage): Promise<void> {
    this.deliver(message);
    try {
      await this.send(JSON.stringify({ topic: message.topic, id: message.id, origin: this.origin } satisfies WireMessage));
    } catch (err) {
      this.logger.warn(`Could not publish ${message.topic}: ${(err as Error).message}`);
    }
  }

  protected receive(payload: string): void {
    try {
      const m = JSON.parse(payload) as WireMessage;
      if (m.origin === this.origin || !TOPICS.has(m.topic)) return;
      this.deliver({ topic: m.topic, id: typeof m.id === 'string' ? m.id : null });
    } catch {
      // Not ours.
    }
  }

  protected abstract send(payload: string): Promise<void>;
  abstract close(): Promise<void>;
}

/** Redis pub/sub: a dedicated subscriber connection (a subscribed ioredis client cannot run commands). */
export class RedisNotificationBus extends RemoteBus {
  private readonly subscriber: Redis;

  constructor(private readonly redis: Redis) {
    super();
    this.subscriber = redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (_channel: string, payload: string) => this.receive(payload));
    void this.subscriber.subscribe(CHANNEL).catch((err: Error) => this.logger.warn(`Redis subscribe failed: ${err.message}`));
  }

  protected async send(payload: string): Promise<void> {
    await this.redis.publish(CHANNEL, payload);
  }

  async close(): Promise<void> {
    this.subscriber.disconnect();
  }
}

/**
 * PostgreSQL LISTEN/NOTIFY on a dedicated connection that reconnects by itself. Not used with the
 * embedded PGlite database: its socket server serves one connection at a time (checked: LISTEN works,
 * but a second connection is terminated while the first is open), so a dedicated listening connection
 * would lock out the app's own pool. Embedded mode is a single instance: it keeps the local bus and the
 * gateway catalogue polls a cheap change fingerprint every 500 ms instead.
 */
export class PgNotificationBus extends RemoteBus {
  private client: pg.Client | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(private readonly url: string, ssl: boolean) {
    super();
    this.ssl = ssl;
    void this.connect();
  }

  private readonly ssl: boolean;

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.url, ssl: this.ssl ? { rejectUnauthorized: false } : undefined, application_name: 'querygate-notify' });
    client.on('notification', (n) => n.payload && this.receive(n.payload));
    client.on('error', () => this.reconnect());
    client.on('end', () => this.reconnect());
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.client = client;
    } catch (err) {
      this.logger.warn(`LISTEN failed: ${(err as Error).message}`);
      this.reconnect();
    }
  }

  private reconnect(): void {
    this.client = null;
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, 1000);
    this.retry.unref();
  }

  protected async send(payload: string): Promise<void> {
    if (!this.client) throw new Error('not connected');
    await this.client.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
  }
}
