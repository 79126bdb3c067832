import { isAbsolute, resolve } from 'node:path';
import { ENV_SCHEMA, type EnvKey, type EnvName } from 'src/config/env.schema.js';

type Raw = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function parseValue(name: string, spec: EnvKey, raw: string, problems: string[]): unknown {
  switch (spec.kind) {
    case 'int': {
      if (!/^-?\d+$/.test(raw)) return problems.push(`${name} must be an integer (got "${raw}")`), undefined;
      const n = Number(raw);
      if (spec.min !== undefined && n < spec.min) problems.push(`${name} must be ≥ ${spec.min} (got ${n})`);
      if (spec.max !== undefined && n > spec.max) problems.push(`${name} must be ≤ ${spec.max} (got ${n})`);
      return n;
    }
    case 'bool': {
      const v = raw.toLowerCase();
      if (['true', '1', 'yes', 'on'].includes(v)) return true;
      if (['false', '0', 'no', 'off'].includes(v)) return false;
      return problems.push(`${name} must be true or false (got "${raw}")`), undefined;
    }
    case 'enum':
      if (!spec.values?.includes(raw)) problems.push(`${name} must be one of ${spec.values?.join(', ')} (got "${raw}")`);
      return raw;
    case 'url':
      if (raw === '') return '';
      try {
        new URL(raw);
      } catch {
        problems.push(`${name} must be a URL`);
      }
      return raw;
    case 'list':
      return raw.split(',').map((s) => s.trim()).filter(Boolean);
    default:
      return raw;
  }
}

/** Parses and checks every key at once so a bad start lists every problem. */
export function loadConfig(env: Raw = process.env) {
  const problems: string[] = [];
  const v: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(ENV_SCHEMA) as [EnvName, EnvKey][]) {
    const raw = env[name] ?? spec.default ?? '';
    v[name] = parseValue(name, spec, raw.trim(), problems);
  }
  const production = Boolean(v.DATABASE_URL);
  if (v.APP_SECRET && String(v.APP_SECRET).length < 32) problems.push('APP_SECRET must be at least 32 characters');
  if (production && !v.APP_SECRET) problems.push('APP_SECRET is required when DATABASE_URL is set');
  if (production && !v.ENCRYPTION_KEY) problems.push('ENCRYPTION_KEY is required when DATABASE_URL is set');
  if (v.ENCRYPTION_KEY) parseEncryptionKeys(String(v.ENCRYPTION_KEY), problems);
  if (v.ADMIN_PASSWORD && String(v.ADMIN_PASSWORD).length < 12) problems.push('ADMIN_PASSWORD must be at least 12 characters');
  if (v.ADMIN_EMAIL && !/^[^@\s]+@[^@\s]+$/.test(String(v.ADMIN_EMAIL))) problems.push('ADMIN_EMAIL must be an email address');
  if (problems.length) throw new ConfigError(problems);

  const dataDir = String(v.DATA_DIR);
  return Object.freeze({
    nodeEnv: v.NODE_ENV as 'development' | 'production' | 'test',
    isDevelopment: v.NODE_ENV === 'development',
    port: v.PORT as number,
    host: v.HOST as string,
    logLevel: v.LOG_LEVEL as string,
    corsOrigins: v.CORS_ORIGINS as string[],
    trustedProxies: v.TRUSTED_PROXIES as string[],
    bodyLimitBytes: v.BODY_LIMIT_BYTES as number,
    shutdownTimeoutMs: v.SHUTDOWN_TIMEOUT_MS as number,
    serveDashboard: v.SERVE_DASHBOARD as boolean,
    dashboardDir: (v.DASHBOARD_DIR as string) || null,
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(process.cwd(), dataDir),
    databaseUrl: (v.DATABASE_URL as string) || null,
    databasePoolMax: v.DATABASE_POOL_MAX as number,
    databaseSsl: v.DATABASE_SSL as boolean,
    embeddedDbPort: v.EMBEDDED_DB_PORT as number,
    redisUrl: (v.REDIS_URL as string) || null,
    appSecret: (v.APP_SECRET as string) || null,
    encryptionKey: (v.ENCRYPTION_KEY as string) || null,
    adminEmail: v.ADMIN_EMAIL as string,
    adminPassword: (v.ADMIN_PASSWORD as string) || null,
    sessionTtlSeconds: v.SESSION_TTL_SECONDS as number,
    loginMaxFailuresPerAccount: v.LOGIN_MAX_FAILURES_PER_ACCOUNT as number,
    loginMaxFailuresPerIp: v.LOGIN_MAX_FAILURES_PER_IP as number,
    loginThrottleWindowSeconds: v.LOGIN_THROTTLE_WINDOW_SECONDS as number,
    tokenDefaultTtlSeconds: v.TOKEN_DEFAULT_TTL_SECONDS as number,
    tokenMaxFailuresPerIp: v.TOKEN_MAX_FAILURES_PER_IP as number,
    tokenMaxFailuresPerClient: v.TOKEN_MAX_FAILURES_PER_CLIENT as number,
    externalDb: {
      queueMax: v.EXTERNAL_DB_QUEUE_MAX as number,
      queueTimeoutMs: v.EXTERNAL_DB_QUEUE_TIMEOUT_MS as number,
      idleTimeoutMs: v.EXTERNAL_DB_IDLE_TIMEOUT_MS as number,
      connectTimeoutMs: v.EXTERNAL_DB_CONNECT_TIMEOUT_MS as number,
      statementTimeoutMs: v.EXTERNAL_DB_STATEMENT_TIMEOUT_MS as number,
      streamBatchSize: v.EXTERNAL_DB_STREAM_BATCH_SIZE as number,
    },
    accessLogRetentionDays: v.ACCESS_LOG_RETENTION_DAYS as number,
    accessLogBatchSize: v.ACCESS_LOG_BATCH_SIZE as number,
    accessLogFlushIntervalMs: v.ACCESS_LOG_FLUSH_INTERVAL_MS as number,
    accessLogBufferMax: v.ACCESS_LOG_BUFFER_MAX as number,
    accessLogBody: v.ACCESS_LOG_BODY as boolean,
    accessLogBodyMaxChars: v.ACCESS_LOG_BODY_MAX_CHARS as number,
    accessLogExternalDatasource: (v.ACCESS_LOG_EXTERNAL_DATASOURCE as string) || null,
    gatewayMaxRows: v.GATEWAY_MAX_ROWS as number,
    gatewayMaxConcurrentPerClient: v.GATEWAY_MAX_CONCURRENT_PER_CLIENT as number,
    gatewayCacheMaxEntries: v.GATEWAY_CACHE_MAX_ENTRIES as number,
    gatewayCompressMinBytes: v.GATEWAY_COMPRESS_MIN_BYTES as number,
    rateLimitRedisFailure: v.RATE_LIMIT_REDIS_FAILURE as 'open' | 'closed',
    scriptMemoryMb: v.SCRIPT_MEMORY_MB as number,
    scriptTimeoutMs: v.SCRIPT_TIMEOUT_MS as number,
    scriptPoolSize: v.SCRIPT_POOL_SIZE as number,
    scriptHttpAllowHosts: v.SCRIPT_HTTP_ALLOW_HOSTS as string[],
    scriptHttpAllowPrivateHosts: v.SCRIPT_HTTP_ALLOW_PRIVATE_HOSTS as string[],
    // Values of the allow-listed variables, read here because only config/ reads process.env.
    scriptEnv: Object.fromEntries((v.SCRIPT_ENV_ALLOW as string[]).filter((name) => env[name] !== undefined).map((name) => [name, String(env[name])])),
    seedSamples: v.SEED_SAMPLES as boolean,
    demoDbPort: v.DEMO_DB_PORT as number,
  });
}

export type AppConfig = ReturnType<typeof loadConfig>;

/** `id:base64,…` or a bare base64 key (id "k1"); each key must decode to 32 bytes. */
export function parseEncryptionKeys(value: string, problems: string[] = []): { id: string; key: Buffer }[] {
  const keys = value.split(',').map((part, i) => {
    const [id, b64] = part.includes(':') ? part.split(':', 2) : [`k${i + 1}`, part];
    const key = Buffer.from(b64.trim(), 'base64');
    if (key.length !== 32) problems.push(`ENCRYPTION_KEY entry "${id}" must be base64 of 32 bytes`);
    return { id: id.trim(), key };
  });
  if (problems.length) throw new ConfigError(problems);
  return keys;
}

/**
 * Injectable handle on the frozen config. Secrets that embedded mode generates on first start are
 * filled in once by `resolveRuntimeSecrets` before the app module is built.
 */
export class AppConfigService {
  constructor(readonly values: AppConfig) {}
  get<K extends keyof AppConfig>(key: K): AppConfig[K] {
    return this.values[key];
  }
  get embedded(): boolean {
    return this.values.databaseUrl === null;
  }
}
