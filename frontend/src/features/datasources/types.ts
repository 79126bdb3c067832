/** Management API shapes of `/admin/v1/datasources` (DESIGN §8; backend datasources/dto). */
export type DatasourceType = 'postgres' | 'mysql' | 'trino';

export interface DatasourceOptions {
  sslMode?: 'disable' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';
  sslCa?: string;
  connectTimeoutMs?: number;
  statementTimeoutMs?: number;
  readOnly?: boolean;
  queueMax?: number;
  queueTimeoutMs?: number;
  idleTimeoutMs?: number;
  bigNumbersAsNumbers?: boolean;
  applicationName?: string;
  schema?: string;
  catalog?: string;
  tinyint1AsBoolean?: boolean;
}

export interface Datasource {
  id: string;
  name: string;
  type: DatasourceType;
  host: string;
  port: number;
  database: string;
  username: string;
  hasPassword: boolean;
  options: DatasourceOptions;
  poolMax: number;
  isActive: boolean;
  description: string;
  createdAt: string;
  updatedAt: string;
}

export interface DatasourceInput {
  name: string;
  type: DatasourceType;
  host: string;
  port: number;
  database?: string;
  username?: string;
  /** Create: the password. Update: absent or "" keeps the stored one. */
  password?: string;
  options?: DatasourceOptions;
  poolMax?: number;
  isActive?: boolean;
  description?: string;
}

export interface ConnectionTestResult {
  ok: boolean;
  message: string;
  latencyMs: number;
  serverVersion: string | null;
}
