import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import type { ApiParamDefinition, ApiSnapshot } from 'src/apis/api-snapshot.js';
import { NotificationBus } from 'src/common/notifications/notification-bus.js';
import { RuntimeCatalogue } from 'src/gateway/catalogue/runtime-catalogue.js';
import { TokenService } from 'src/tokens/token.service.js';
import type { TestDatabase } from 'test/support/databases.js';

/** A published-version snapshot with every setting at its default: a public, read-only SQL API. */
export function apiSnapshot(overrides: Partial<ApiSnapshot> & Pick<ApiSnapshot, 'content'>): ApiSnapshot {
  return {
    engine: 'sql',
    datasourceId: null,
    params: [],
    validators: [],
    transform: null,
    accessType: 'public',
    readOnly: true,
    rateLimitPerMinute: null,
    timeoutMs: null,
    maxRows: null,
    cacheTtlSeconds: null,
    corsOrigins: [],
    ...overrides,
  };
}

/** Seeds gateway rows (data sources, modules, published APIs, clients, groups) straight into the app DB. */
export class GatewayFactory {
  private constructor(
    readonly db: pg.Pool,
    private readonly app: NestFastifyApplication,
  ) {}

  static create(app: NestFastifyApplication, appDbUrl: string): GatewayFactory {
    return new GatewayFactory(new pg.Pool({ connectionString: appDbUrl, max: 2 }), app);
  }

  async close(): Promise<void> {
    await this.db.end();
  }

  private uid = () => randomBytes(4).toString('hex');

  async datasource(ext: TestDatabase, type: 'postgres' | 'mysql' = 'postgres', options: Record<string, unknown> = {}): Promise<string> {
    const { rows } = await this.db.query(
      `INSERT INTO datasource (name, type, host, port, database, username, options, pool_max) VALUES ($1, $2, $3, $4, $5, $6, $7, 10) RETURNING id`,
      [`ds_${this.uid()}`, type, ext.host, ext.port, ext.name, ext.user, JSON.stringify(options)],
    );
    return rows[0].id;
  }

  async module(isActive = true): Promise<string> {
    const { rows } = await this.db.query(`INSERT INTO api_module (name, is_active) VALUES ($1, $2) RETURNING id`, [`mod_${this.uid()}`, isActive]);
    return rows[0].id;
  }

  /** Creates an API and (unless `publish: false`) publishes version 1 of the given snapshot. */
  async api(input: {
    moduleId: string;
    path: string;
    method?: string;
    datasourceId?: string | null;
    content: string;
    engine?: 'sql' | 'script';
    params?: Partial<ApiParamDefinition>[];
    publish?: boolean;
    snapshot?: Partial<ApiSnapshot>;
  }): Promise<{ id: string; versionId: string | null }> {
    const snapshot = apiSnapshot({
      engine: input.engine ?? 'sql',
      datasourceId: input.datasourceId ?? null,
      content: input.content,
      params: (input.params ?? []).map((p) => ({ location: 'query', type: 'string', required: false, ...p }) as ApiParamDefinition),
      ...input.snapshot,
    });
    const path = input.path.replace(/^\/+|\/+$/g, '');
    const { rows } = await this.db.query(
      `INSERT INTO api (module_id, name, path, path_shape, method, engine, datasource_id, access_type, content, params)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [input.moduleId, `api_${this.uid()}`, path, path.replace(/\{[^}]+\}/g, '{}'), input.method ?? 'GET', snapshot.engine, snapshot.datasourceId, snapshot.accessType, snapshot.content, JSON.stringify(snapshot.params)],
    );
    const id = rows[0].id as string;
    const versionId = input.publish === false ? null : await this.publish(id, snapshot);
    return { id, versionId };
  }

  /** Adds a version with this snapshot and publishes it. */
  async publish(apiId: string, snapshot: ApiSnapshot): Promise<string> {
    const { rows } = await this.db.query(
      `INSERT INTO api_version (api_id, version, snapshot) VALUES ($1, (SELECT coalesce(max(version), 0) + 1 FROM api_version WHERE api_id = $1), $2) RETURNING id`,
      [apiId, JSON.stringify(snapshot)],
    );
    await this.db.query(`UPDATE api SET published_version_id = $2, published_at = now(), updated_at = now() WHERE id = $1`, [apiId, rows[0].id]);
    return rows[0].id;
  }

  async client(input: { rateLimitPerMinute?: number; maxConcurrent?: number; allowedIps?: string[]; isActive?: boolean; apiIds?: string[] } = {}): Promise<{ id: string; clientId: string }> {
    const clientId = `qg_${this.uid()}${this.uid()}`;
    const { rows } = await this.db.query(
      `INSERT INTO app_client (client_id, name, secret_hash, is_active, rate_limit_per_minute, max_concurrent, allowed_ips, secret_rotated_at)
       VALUES ($1, $2, 'unused', $3, $4, $5, $6, now() - interval '1 minute') RETURNING id`,
      [clientId, `client_${this.uid()}`, input.isActive ?? true, input.rateLimitPerMinute ?? null, input.maxConcurrent ?? null, JSON.stringify(input.allowedIps ?? [])],
    );
    for (const apiId of input.apiIds ?? []) await this.db.query(`INSERT INTO client_api (client_id, api_id) VALUES ($1, $2)`, [rows[0].id, apiId]);
    return { id: rows[0].id, clientId };
  }

  async group(input: { apiIds: string[]; clientIds: string[]; isActive?: boolean }): Promise<string> {
    const { rows } = await this.db.query(`INSERT INTO api_group (name, is_active) VALUES ($1, $2) RETURNING id`, [`grp_${this.uid()}`, input.isActive ?? true]);
    for (const a of input.apiIds) await this.db.query(`INSERT INTO api_group_api (group_id, api_id) VALUES ($1, $2)`, [rows[0].id, a]);
    for (const c of input.clientIds) await this.db.query(`INSERT INTO client_group (client_id, group_id) VALUES ($1, $2)`, [c, rows[0].id]);
    return rows[0].id;
  }

  /** A real gateway token from the tokens feature. */
  token(clientId: string, tokenTtlSeconds: number | null = 600): string {
    return this.app.get(TokenService).issue({ clientId, tokenTtlSeconds }).accessToken;
  }

  /** Same header and claims as a real token, signed with a key the server does not know. */
  forgedToken(clientId: string): string {
    const real = this.token(clientId);
    const [h, p] = real.split('.');
    const { privateKey } = generateKeyPairSync('ed25519');
    return `${h}.${p}.${sign(null, Buffer.from(`${h}.${p}`), privateKey).toString('base64url')}`;
  }

  /** Tells the running gateway that rows changed and waits for the catalogue to reload. */
  async refresh(): Promise<void> {
    await this.app.get(NotificationBus).publish({ topic: 'api.changed', id: null });
    await this.app.get(RuntimeCatalogue).reload();
  }
}
