import { z } from 'zod';

export const datasourceTypes = ['postgres', 'mysql', 'trino'] as const;
export const datasourceTypeLabels: Record<(typeof datasourceTypes)[number], string> = { postgres: 'PostgreSQL', mysql: 'MySQL / MariaDB', trino: 'Trino' };
export const defaultPorts: Record<(typeof datasourceTypes)[number], number> = { postgres: 5432, mysql: 3306, trino: 8080 };
export const sslModes = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;

export const datasourcesSearchSchema = z.object({
  page: z.number().int().min(1).optional().catch(undefined),
  q: z.string().optional().catch(undefined),
  type: z.enum(datasourceTypes).optional().catch(undefined),
  isActive: z.boolean().optional().catch(undefined),
});

export type DatasourcesSearch = z.infer<typeof datasourcesSearchSchema>;

const optionalInt = z.union([z.literal(''), z.coerce.number().int().min(0)]);

export const datasourceFormSchema = z.object({
  name: z.string().trim().min(1, 'Name is required').max(100),
  type: z.enum(datasourceTypes),
  host: z.string().trim().min(1, 'Host is required').regex(/^[A-Za-z0-9._:[\]-]+$/, 'A host name or an IP address'),
  port: z.coerce.number().int().min(1, 'Port 1–65535').max(65535, 'Port 1–65535'),
  database: z.string().trim().max(255),
  username: z.string().max(255),
  password: z.string().max(1024),
  poolMax: z.coerce.number().int().min(1, 'At least 1').max(200, 'At most 200'),
  isActive: z.boolean(),
  description: z.string().max(2000),
  sslMode: z.enum(sslModes),
  schema: z.string().trim().max(128),
  catalog: z.string().trim().max(128),
  statementTimeoutMs: optionalInt,
  readOnly: z.boolean(),
});

export type DatasourceFormValues = z.input<typeof datasourceFormSchema>;
export type DatasourceFormOutput = z.output<typeof datasourceFormSchema>;
