import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { EncryptionService } from 'src/common/crypto/encryption.service.js';
import { NotificationBus } from 'src/common/notifications/notification-bus.js';
import type { DatasourceEntity } from 'src/datasources/datasource.entity.js';
import { datasourceError } from 'src/datasources/datasources.errors.js';
import { DatasourcesRepository } from 'src/datasources/datasources.repository.js';
import type { Connector, DatasourceConnectionConfig, DatasourceType } from 'src/datasources/external-db/connector.js';
import type { DriverDefaults } from 'src/datasources/external-db/driver-defaults.js';
import { PoolRegistry } from 'src/datasources/external-db/pool.registry.js';
import { MetricsService } from 'src/metrics/metrics.service.js';

/** Process-wide driver defaults (queue, timeouts, pool size) that a source's own options override. */
export const DRIVER_DEFAULTS = Symbol('DRIVER_DEFAULTS');

/** What scripts see as `ds`: metadata without credentials. */
export interface DatasourceDescription {
  id: string;
  name: string;
  type: DatasourceType;
  database: string;
}

interface CachedSource {
  config: DatasourceConnectionConfig;
  description: DatasourceDescription;
  isActive: boolean;
}

/** Decrypts the stored password; a payload no configured key opens is a connection failure, not a crash. */
export function decryptPassword(encryption: EncryptionService, row: Pick<DatasourceEntity, 'name' | 'passwordEncrypted'>): string | null {
  if (row.passwordEncrypted === null) return null;
  try {
    return encryption.decrypt(row.passwordEncrypted);
  } catch {
    throw datasourceError(
      'DATASOURCE_CONNECTION_FAILED',
      `The stored password of data source "${row.name}" cannot be decrypted with ENCRYPTION_KEY (key id "${EncryptionService.keyIdOf(row.passwordEncrypted)}"); set the password again`,
    );
  }
}

export function toConnectionConfig(row: DatasourceEntity, password: string | null): DatasourceConnectionConfig {
  return {
    id: row.id,
    type: row.type,
    host: row.host,
    port: row.port,
    database: row.database,
    username: row.username,
    password,
    poolMax: row.poolMax,
    options: row.options,
    revision: String(row.revision),
  };
}

/**
 * Hands the engines and the gateway a pooled connector per data source. The row is read (and its password
 * decrypted) once, then served from memory; every `datasource.changed` notification, from any instance,
 * evicts the cached settings and the pool so the next call rebuilds them.
 */
@Injectable()
export class DatasourceConnectors implements OnModuleInit, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger(DatasourceConnectors.name);
  private readonly registry: PoolRegistry;
  private readonly cache = new Map<string, Promise<CachedSource>>();
  /**
   * Connectors of active sources whose settings are loaded, for the per-call path: `connectorFor` answers
   * from here without a promise. Emptied with the settings cache on every eviction.
   */
  private readonly ready = new Map<string, Connector>();
  /** Bumped on every eviction so a load that raced with a change is not cached. */
  private readonly generations = new Map<string, number>();
  private unsubscribe: (() => void) | null = null;
  private gaugeNames: string[] = [];
  /** Last known name per id, for metric labels. */
  private readonly names = new Map<string, string>();

  constructor(
    private readonly repo: DatasourcesRepository,
    private readonly encryption: EncryptionService,
    private readonly bus: NotificationBus,
    private readonly metrics: MetricsService,
    @Inject(DRIVER_DEFAULTS) defaults: DriverDefaults,
  ) {
    this.registry = new PoolRegistry(defaults);
  }

  onModuleInit(): void {
    this.unsubscribe = this.bus.subscribe('datasource.changed', ({ id }) => void this.evict(id));
    this.registerGauges();
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
    for (const name of this.gaugeNames) this.metrics.registry.removeSingleMetric(name);
  }

  /** Pools close before the databases they talk to (the embedded demo database stops on shutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.closeAll();
  }

  /**
   * The pooled connector of an active data source; DATASOURCE_NOT_FOUND / DATASOURCE_INACTIVE otherwise.
   * Once loaded it is returned as is, not as a promise: every gateway call asks, and `await` on a value
   * costs its callers nothing but a turn they need not take. Errors always come as a rejected promise.
   */
  connectorFor(datasourceId: string): Connector | Promise<Connector> {
    return this.ready.get(datasourceId) ?? this.loadConnector(datasourceId);
  }

  private async loadConnector(datasourceId: string): Promise<Connector> {
    const loading = this.load(datasourceId);
    const source = await loading;
    if (!source.isActive) throw datasourceError('DATASOURCE_INACTIVE', `Data source "${source.description.name}" is inactive`);
    const connector = this.registry.get(source.config);
    // Only while these settings are still the cached ones: an eviction meanwhile must not be undone.
    if (this.cache.get(datasourceId) === loading) this.ready.set(datasourceId, connector);
    return connector;
  }

  /** Name, type and database of a source, for scripts' `ds` (no credentials). */
  async describe(datasourceId: string): Promise<DatasourceDescription> {
    return { ...(await this.load(datasourceId)).description };
  }

  /** Forgets a source's settings and closes its pool (in-flight calls finish first); null forgets all. */
  async evict(id: string | null): Promise<void> {
    const ids = id === null ? [...new Set([...this.cache.keys(), ...this.registry.stats().map((s) => s.id)])] : [id];
    for (const each of ids) {
      this.generations.set(each, (this.generations.get(each) ?? 0) + 1);
      this.cache.delete(each);
      this.ready.delete(each);
    }
    await Promise.all(ids.map((each) => this.registry.evict(each).catch((err: unknown) => this.logger.warn(`Closing the pool of ${each} failed: ${String(err)}`))));
  }

  async closeAll(): Promise<void> {
    this.cache.clear();
    this.ready.clear();
    await this.registry.closeAll();
  }

  private load(id: string): Promise<CachedSource> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const generation = this.generations.get(id) ?? 0;
    const loading = this.read(id);
    this.cache.set(id, loading);
    loading.catch(() => {
      if (this.cache.get(id) === loading) this.cache.delete(id);
    });
    void loading.then(() => {
      // Changed while loading: drop what we read so the next call reads again.
      if ((this.generations.get(id) ?? 0) !== generation && this.cache.get(id) === loading) this.cache.delete(id);
    }, () => undefined);
    return loading;
  }

  private async read(id: string): Promise<CachedSource> {
    const row = await this.repo.findById(id);
    if (!row) throw datasourceError('DATASOURCE_NOT_FOUND', `No data source with id ${id}`);
    this.names.set(id, row.name);
    return {
      config: toConnectionConfig(row, decryptPassword(this.encryption, row)),
      description: { id: row.id, name: row.name, type: row.type, database: row.database },
      isActive: row.isActive,
    };
  }

  /** Gauges read the pools at scrape time; labels are the source's id and (last known) name. */
  private registerGauges(): void {
    type Stats = ReturnType<PoolRegistry['stats']>[number];
    const registry = this.registry;
    const names = this.names;
    const gauge = (name: string, help: string, pick: (s: Stats) => number) => {
      this.gaugeNames.push(name);
      new Gauge({
        name,
        help,
        labelNames: ['datasource_id', 'datasource'] as const,
        registers: [this.metrics.registry],
        collect() {
          this.reset();
          for (const s of registry.stats()) this.set({ datasource_id: s.id, datasource: names.get(s.id) ?? s.id }, pick(s));
        },
      });
    };
    gauge('querygate_datasource_connections_in_use', 'Connections checked out of the pool, per data source', (s) => s.inUse);
    gauge('querygate_datasource_connections_idle', 'Idle pooled connections, per data source', (s) => s.idle);
    gauge('querygate_datasource_connections_waiting', 'Callers waiting for a connection, per data source', (s) => s.waiting);
    gauge('querygate_datasource_connections_max', 'Pool size, per data source', (s) => s.max);
  }
}
