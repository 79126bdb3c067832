import { defineErrors } from 'src/common/errors/app-exception.js';

export const DatasourceErrors = {
  DATASOURCE_NOT_FOUND: 404,
  DATASOURCE_NAME_TAKEN: 409,
  DATASOURCE_IN_USE: 409,
  DATASOURCE_INACTIVE: 409,
  /** Could not reach or log in to the external database. */
  DATASOURCE_CONNECTION_FAILED: 502,
  /** Pool and wait queue full, or the wait deadline passed. */
  DATASOURCE_SATURATED: 503,
  STATEMENT_TIMEOUT: 504,
  /** The caller went away (or its deadline passed) and the server-side query was cancelled. */
  QUERY_CANCELLED: 499,
  /** The database refused the statement (syntax, constraint, permission…). */
  QUERY_FAILED: 500,
} as const;

export type DatasourceErrorCode = keyof typeof DatasourceErrors;
export const datasourceError = defineErrors(DatasourceErrors);
