import type { DatasourceFormOutput, DatasourceFormValues } from '@/features/datasources/schemas';
import type { Datasource, DatasourceInput, DatasourceOptions } from '@/features/datasources/types';

export function toFormValues(ds: Datasource | null): DatasourceFormValues {
  return {
    name: ds?.name ?? '',
    type: ds?.type ?? 'postgres',
    host: ds?.host ?? '',
    port: ds?.port ?? 5432,
    database: ds?.database ?? '',
    username: ds?.username ?? '',
    password: '',
    poolMax: ds?.poolMax ?? 5,
    isActive: ds?.isActive ?? true,
    description: ds?.description ?? '',
    sslMode: ds?.options.sslMode ?? 'disable',
    schema: ds?.options.schema ?? '',
    catalog: ds?.options.catalog ?? '',
    statementTimeoutMs: ds?.options.statementTimeoutMs ?? '',
    readOnly: ds?.options.readOnly ?? false,
  };
}

/** Form values → request body; options keep what the type understands and the other stored keys. */
export function toInput(values: DatasourceFormOutput, existing: Datasource | null): DatasourceInput {
  const options: DatasourceOptions = { ...(existing?.type === values.type ? existing.options : {}), sslMode: values.sslMode, readOnly: values.readOnly };
  delete options.schema;
  delete options.catalog;
  delete options.statementTimeoutMs;
  if (values.type !== 'mysql' && values.schema) options.schema = values.schema;
  if (values.type === 'trino' && values.catalog) options.catalog = values.catalog;
  if (values.statementTimeoutMs !== '') options.statementTimeoutMs = values.statementTimeoutMs;
  if (values.type !== 'postgres') delete options.applicationName;
  if (values.type !== 'mysql') delete options.tinyint1AsBoolean;
  const body: DatasourceInput = {
    name: values.name,
    type: values.type,
    host: values.host,
    port: values.port,
    database: values.database,
    username: values.username,
    options,
    poolMax: values.poolMax,
    isActive: values.isActive,
    description: values.description,
  };
  if (values.password) body.password = values.password;
  return body;
}
