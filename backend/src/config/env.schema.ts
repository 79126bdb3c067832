/**
 * Every environment variable Querygate reads: type, default and a one-line doc.
 * `.env.example` and `docs/configuration.md` are generated from this table (`npm run config:docs -w backend`)
 * and a test fails when they drift.
 */
export type EnvKind = 'string' | 'int' | 'bool' | 'enum' | 'url' | 'list';

export interface EnvKey {
  kind: EnvKind;
  default?: string;
  doc: string;
  values?: readonly string[];
  min?: number;
  max?: number;
  /** Never printed (logs, docs examples). */
  secret?: boolean;
  group: string;
}

export const ENV_SCHEMA = {
  NODE_ENV: { kind: 'enum', values: ['development', 'production', 'test'], default: 'production', group: 'Server', doc: 'development shows internal error detail to API callers; keep production everywhere else.' },
  PORT: { kind: 'int', default: '3000', min: 0, max: 65535, group: 'Server', doc: 'HTTP port (0 picks a free one).' },
  HOST: { kind: 'string', default: '0.0.0.0', group: 'Server', doc: 'Interface to listen on.' },
  LOG_LEVEL: { kind: 'enum', values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info', group: 'Server', doc: 'Application log level (pino JSON on stdout).' },
  CORS_ORIGINS: { kind: 'list', default: '', group: 'Server', doc: 'Comma-separated origins allowed to call the management API from a browser; empty turns CORS off.' },
  TRUSTED_PROXIES: { kind: 'list', default: '', group: 'Server', doc: 'Comma-separated CIDRs of reverse proxies whose X-Forwarded-For is trusted; empty trusts none.' },
  BODY_LIMIT_BYTES: { kind: 'int', default: '1048576', min: 1024, group: 'Server', doc: 'Largest request body accepted (413 above it).' },
  SHUTDOWN_TIMEOUT_MS: { kind: 'int', default: '10000', min: 0, group: 'Server', doc: 'How long a SIGTERM/SIGINT waits for in-flight requests before closing anyway.' },
  SERVE_DASHBOARD: { kind: 'bool', default: 'true', group: 'Server', doc: 'Serve the built dashboard (frontend/dist) at /.' },
  DASHBOARD_DIR: { kind: 'string', default: '', group: 'Server', doc: 'Folder of the built dashboard; empty means frontend/dist next to the backend.' },

  DATA_DIR: { kind: 'string', default: './data', group: 'Storage', doc: 'Embedded mode: folder for the embedded app database, demo database and generated secrets.' },
  DATABASE_URL: { kind: 'url', default: '', group: 'Storage', secret: true, doc: 'PostgreSQL URL of the app database; empty starts the embedded PGlite database under DATA_DIR.' },
  DATABASE_POOL_MAX: { kind: 'int', default: '10', min: 1, max: 200, group: 'Storage', doc: 'App database pool size (the embedded database always uses 1).' },
  DATABASE_SSL: { kind: 'bool', default: 'false', group: 'Storage', doc: 'Use TLS to the app database.' },
  EMBEDDED_DB_PORT: { kind: 'int', default: '0', min: 0, max: 65535, group: 'Storage', doc: 'Loopback port of the embedded app database (0 picks a free one).' },
  REDIS_URL: { kind: 'url', default: '', group: 'Storage', secret: true, doc: 'Redis URL for shared counters, cache and cross-instance notifications; empty keeps them in memory.' },

  APP_SECRET: { kind: 'string', default: '', secret: true, group: 'Security', doc: 'At least 32 characters; signs dashboard sessions. Required with DATABASE_URL; generated into DATA_DIR in embedded mode.' },
  ENCRYPTION_KEY: { kind: 'string', default: '', secret: true, group: 'Security', doc: 'Base64 of 32 bytes, or a comma list "id:base64,…" (first is current) for rotation; encrypts data-source passwords and signing keys. Required with DATABASE_URL; generated in embedded mode.' },
  ADMIN_EMAIL: { kind: 'string', default: 'admin@querygate.local', group: 'Security', doc: 'Email of the first admin, created when there are no users.' },
  ADMIN_PASSWORD: { kind: 'string', default: '', secret: true, group: 'Security', doc: 'Password of the first admin (at least 12 characters); empty generates one and prints it once.' },
  SESSION_TTL_SECONDS: { kind: 'int', default: '43200', min: 300, max: 2592000, group: 'Security', doc: 'Dashboard session lifetime.' },
  LOGIN_MAX_FAILURES_PER_ACCOUNT: { kind: 'int', default: '5', min: 1, group: 'Security', doc: 'Failed logins per account per LOGIN_THROTTLE_WINDOW_SECONDS before 429.' },
  LOGIN_MAX_FAILURES_PER_IP: { kind: 'int', default: '20', min: 1, group: 'Security', doc: 'Failed logins per client IP per window before 429.' },
  LOGIN_THROTTLE_WINDOW_SECONDS: { kind: 'int', default: '900', min: 1, group: 'Security', doc: 'Window of the login throttle.' },

  TOKEN_DEFAULT_TTL_SECONDS: { kind: 'int', default: '3600', min: 60, max: 86400, group: 'Gateway tokens', doc: 'Lifetime of a gateway token when the client sets no tokenTtlSeconds.' },
  TOKEN_MAX_FAILURES_PER_IP: { kind: 'int', default: '30', min: 1, group: 'Gateway tokens', doc: 'Failed token requests per caller IP per minute before the token endpoints answer 429.' },
  TOKEN_MAX_FAILURES_PER_CLIENT: { kind: 'int', default: '10', min: 1, group: 'Gateway tokens', doc: 'Failed token requests per client id per minute before the token endpoints answer 429.' },

  EXTERNAL_DB_QUEUE_MAX: { kind: 'int', default: '50', min: 0, group: 'Data sources', doc: 'Callers that may wait for a connection when a data source pool is busy (a source option overrides it).' },
  EXTERNAL_DB_QUEUE_TIMEOUT_MS: { kind: 'int', default: '5000', min: 1, group: 'Data sources', doc: 'How long a caller waits for a connection before DATASOURCE_SATURATED (503).' },
  EXTERNAL_DB_IDLE_TIMEOUT_MS: { kind: 'int', default: '30000', min: 1000, group: 'Data sources', doc: 'Idle data-source connections are closed after this.' },
  EXTERNAL_DB_CONNECT_TIMEOUT_MS: { kind: 'int', default: '10000', min: 100, group: 'Data sources', doc: 'Connect and handshake deadline for data sources.' },
  EXTERNAL_DB_STATEMENT_TIMEOUT_MS: { kind: 'int', default: '30000', min: 1, group: 'Data sources', doc: 'Statement timeout when neither the API nor the data source sets one (STATEMENT_TIMEOUT, 504).' },
  EXTERNAL_DB_STREAM_BATCH_SIZE: { kind: 'int', default: '500', min: 1, max: 100000, group: 'Data sources', doc: 'Rows per batch when streaming (CSV / NDJSON responses).' },

  ACCESS_LOG_RETENTION_DAYS: { kind: 'int', default: '30', min: 0, group: 'Access logs', doc: 'Days of access logs kept; older rows are purged hourly in batches (0 keeps everything).' },
  ACCESS_LOG_BATCH_SIZE: { kind: 'int', default: '500', min: 1, max: 10000, group: 'Access logs', doc: 'Rows per multi-row INSERT of the asynchronous access-log writer.' },
  ACCESS_LOG_FLUSH_INTERVAL_MS: { kind: 'int', default: '1000', min: 10, group: 'Access logs', doc: 'Longest time a gateway call waits in memory before its access-log row is written.' },
  ACCESS_LOG_BUFFER_MAX: { kind: 'int', default: '100000', min: 100, group: 'Access logs', doc: 'Rows buffered while the app database is unreachable; beyond it rows are dropped and counted in /metrics.' },
  ACCESS_LOG_BODY: { kind: 'bool', default: 'false', group: 'Access logs', doc: 'Also store request bodies (truncated to ACCESS_LOG_BODY_MAX_CHARS).' },
  ACCESS_LOG_BODY_MAX_CHARS: { kind: 'int', default: '2000', min: 0, group: 'Access logs', doc: 'Longest request body stored when ACCESS_LOG_BODY is on.' },

  GATEWAY_MAX_ROWS: { kind: 'int', default: '10000', min: 0, group: 'Gateway', doc: 'Row cap of a gateway answer when the API sets none (0 = off); streamed CSV/NDJSON answers are not capped.' },
  GATEWAY_MAX_CONCURRENT_PER_CLIENT: { kind: 'int', default: '10', min: 0, group: 'Gateway', doc: 'Parallel calls per client (across instances) when the client sets none, and per IP on public APIs (per instance); 0 = unlimited.' },
  GATEWAY_CACHE_MAX_ENTRIES: { kind: 'int', default: '1000', min: 0, group: 'Gateway', doc: 'Entries of the in-memory response cache of APIs with cacheTtlSeconds (Redis is used when REDIS_URL is set).' },
  GATEWAY_COMPRESS_MIN_BYTES: { kind: 'int', default: '8192', min: 0, group: 'Gateway', doc: 'JSON answers at least this large are gzip/brotli compressed when the caller accepts it.' },
  RATE_LIMIT_REDIS_FAILURE: { kind: 'enum', values: ['open', 'closed'], default: 'open', group: 'Gateway', doc: 'When Redis is unreachable: open lets calls through (logged once per outage), closed answers 503.' },
  SCRIPT_MEMORY_MB: { kind: 'int', default: '64', min: 8, max: 4096, group: 'Scripts', doc: 'Heap limit of each script isolate (scripts, validators, transforms).' },
  SCRIPT_TIMEOUT_MS: { kind: 'int', default: '5000', min: 10, group: 'Scripts', doc: 'Wall-clock limit of one script call, host calls included.' },
  SCRIPT_POOL_SIZE: { kind: 'int', default: '0', min: 0, max: 256, group: 'Scripts', doc: 'Isolates kept warm; 0 = number of CPUs.' },
  SCRIPT_HTTP_ALLOW_HOSTS: { kind: 'list', default: '', group: 'Scripts', doc: 'Hosts scripts may call with http.* (exact, *.domain or *); empty = no outbound HTTP.' },
  SCRIPT_HTTP_ALLOW_PRIVATE_HOSTS: { kind: 'list', default: '', group: 'Scripts', doc: 'Allow-listed hosts that may resolve to private or loopback addresses (internal services).' },
  SCRIPT_ENV_ALLOW: { kind: 'list', default: '', group: 'Scripts', doc: 'Names of environment variables scripts may read with env.get(name).' },

  ACCESS_LOG_EXTERNAL_DATASOURCE: { kind: 'string', default: '', group: 'Access logs', doc: 'Name of a postgres or mysql data source that also receives every access-log row (table querygate_access_log, created on first use); empty turns it off.' },

  SEED_SAMPLES: { kind: 'bool', default: 'true', group: 'Samples', doc: 'Embedded mode: start the bundled demo database and seed the sample module, APIs and client on first start.' },
  DEMO_DB_PORT: { kind: 'int', default: '0', min: 0, max: 65535, group: 'Samples', doc: 'Loopback port of the embedded demo database (0 picks a free one).' },
} as const satisfies Record<string, EnvKey>;

export type EnvName = keyof typeof ENV_SCHEMA;
