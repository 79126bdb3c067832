import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import ipaddr from 'ipaddr.js';
import type { ApiSnapshot } from 'src/apis/api-snapshot.js';
import { NotificationBus, type ChangeTopic } from 'src/common/notifications/notification-bus.js';
import { CatalogueRepository, type CatalogueRows } from 'src/gateway/catalogue/catalogue.repository.js';
import { RouteMatcher } from 'src/gateway/catalogue/route-matcher.js';

export interface CatalogueApi {
  id: string;
  name: string;
  path: string;
  method: string;
  moduleId: string;
  versionId: string;
  snapshot: ApiSnapshot;
  macros: { sql: string[]; script: string[] };
  isPublic: boolean;
  sensitive: ReadonlySet<string>;
  corsOrigins: ReadonlySet<string>;
  /** Single-statement SQL without transform: CSV/NDJSON answers stream straight from the cursor. */
  streamable: boolean;
}

export interface CatalogueClient {
  id: string;
  clientKey: string;
  isActive: boolean;
  rateLimitPerMinute: number | null;
  maxConcurrent: number | null;
  /** null = any address. */
  allowedIps: ((ip: string) => boolean) | null;
  secretRotatedAtSeconds: number;
  allowedApiIds: ReadonlySet<string>;
}

export interface CatalogueState {
  routes: RouteMatcher<CatalogueApi>;
  clientsById: Map<string, CatalogueClient>;
  version: string;
  loadedAt: number;
}

const TOPICS: ChangeTopic[] = ['api.changed', 'api-module.changed', 'macro.changed', 'client.changed', 'group.changed'];

/**
 * Everything the gateway serves, in memory: published APIs of active modules with their snapshot and
 * macros, and clients with the API ids they may call. Loaded at start and rebuilt on every
 * change notification (debounced), plus a 500 ms poll of a change fingerprint when the notification bus
 * does not reach other instances. A failed reload keeps the previous state: published APIs keep serving
 * while the app database is down. Nothing on the request path reads the app database.
 */
@Injectable()
export class RuntimeCatalogue implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('RuntimeCatalogue');
  private current: CatalogueState = emptyState();
  private reloadTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private reloading: Promise<void> | null = null;
  private again = false;
  private failing = false;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly repository: CatalogueRepository,
    private readonly bus: NotificationBus,
  ) {}

  get state(): CatalogueState {
    return this.current;
  }

  async onModuleInit(): Promise<void> {
    for (const topic of TOPICS) this.unsubscribe.push(this.bus.subscribe(topic, () => this.scheduleReload()));
    await this.reload();
    if (!this.bus.crossInstance) this.pollTimer = setInterval(() => void this.poll(), 500).unref();
  }

  onApplicationShutdown(): void {
    for (const u of this.unsubscribe) u();
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    if (this.pollTimer) clearInterval(this.pollTimer);
  }

  /** Coalesces bursts of notifications into one reload. */
  scheduleReload(): void {
    if (this.reloadTimer) return;
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = null;
      void this.reload();
    }, 20);
  }

  /** Reloads now (a reload in flight is followed by one more). */
  async reload(): Promise<void> {
    if (this.reloading) {
      this.again = true;
      return this.reloading;
    }
    this.reloading = (async () => {
      do {
        this.again = false;
        try {
          this.current = buildState(await this.repository.load());
          if (this.failing) this.logger.log('App database reachable again; catalogue reloaded');
          this.failing = false;
        } catch (err) {
          if (!this.failing) this.logger.warn(`Catalogue reload failed, serving the last loaded state: ${(err as Error).message}`);
          this.failing = true;
        }
      } while (this.again);
    })().finally(() => (this.reloading = null));
    return this.reloading;
  }

  private async poll(): Promise<void> {
    try {
      const version = await this.repository.version();
      if (version !== this.current.version) await this.reload();
    } catch {
      // The app DB is down: keep serving; reload() logs the outage when it is tried.
    }
  }
}

function emptyState(): CatalogueState {
  return { routes: new RouteMatcher([]), clientsById: new Map(), version: '', loadedAt: Date.now() };
}

function ipMatcher(list: string[] | null | undefined): ((ip: string) => boolean) | null {
  if (!list?.length) return null;
  const ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];
  for (const entry of list) {
    try {
      ranges.push(entry.includes('/') ? ipaddr.parseCIDR(entry) : [ipaddr.parse(entry), ipaddr.parse(entry).kind() === 'ipv4' ? 32 : 128]);
    } catch {
      // An invalid entry allows nothing.
    }
  }
  return (ip: string) => {
    let addr: ipaddr.IPv4 | ipaddr.IPv6;
    try {
      addr = ipaddr.process(ip);
    } catch {
      return false;
    }
    return ranges.some(([range, bits]) => addr.kind() === range.kind() && addr.match([range, bits] as never));
  };
}

export function buildState(rows: CatalogueRows): CatalogueState {
  const globalMacros = { sql: [] as string[], script: [] as string[] };
  const moduleMacros = new Map<string, { sql: string[]; script: string[] }>();
  for (const m of rows.macros) {
    const target = m.module_id ? (moduleMacros.get(m.module_id) ?? moduleMacros.set(m.module_id, { sql: [], script: [] }).get(m.module_id)!) : globalMacros;
    target[m.kind].push(m.content);
  }
  const entries = rows.apis.map((row) => {
    const s = row.snapshot;
    const own = moduleMacros.get(row.module_id);
    const api: CatalogueApi = {
      id: row.id,
      name: row.name,
      path: row.path,
      method: row.method,
      moduleId: row.module_id,
      versionId: row.version_id,
      snapshot: s,
      macros: { sql: [...globalMacros.sql, ...(own?.sql ?? [])], script: [...globalMacros.script, ...(own?.script ?? [])] },
      isPublic: s.accessType === 'public',
      sensitive: new Set((s.params ?? []).filter((p) => p.sensitive).map((p) => p.name)),
      corsOrigins: new Set(s.corsOrigins ?? []),
      streamable: s.engine === 'sql' && !s.transform,
    };
    return { method: row.method, path: row.path, value: api };
  });
  const allowed = new Map<string, Set<string>>();
  for (const a of rows.access) (allowed.get(a.client_id) ?? allowed.set(a.client_id, new Set()).get(a.client_id)!).add(a.api_id);
  const clientsById = new Map<string, CatalogueClient>();
  for (const c of rows.clients) {
    const client: CatalogueClient = {
      id: c.id,
      clientKey: c.client_id,
      isActive: c.is_active,
      rateLimitPerMinute: c.rate_limit_per_minute,
      maxConcurrent: c.max_concurrent,
      allowedIps: ipMatcher(c.allowed_ips),
      secretRotatedAtSeconds: Math.floor(new Date(c.secret_rotated_at).getTime() / 1000),
      allowedApiIds: allowed.get(c.id) ?? new Set(),
    };
    // Tokens name the client by its public client id; the uuid is accepted too.
    clientsById.set(c.client_id, client);
    clientsById.set(c.id, client);
  }
  return { routes: new RouteMatcher(entries), clientsById, version: rows.version, loadedAt: Date.now() };
}
