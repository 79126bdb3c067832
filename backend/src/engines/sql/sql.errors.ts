import { defineErrors } from 'src/common/errors/app-exception.js';

/** SQL engine error codes → HTTP status. Template problems are the API author's (400), never the database's. */
export const SqlErrors = {
  /** The template does not parse, uses a refused construct, or puts a placeholder in a quote/comment. Details: [{line, column, message}]. */
  SQL_TEMPLATE_ERROR: 400,
  /** A filter refused its input (invalid date, identifier, boolean…). Details: [{param, line, column, message}]. */
  SQL_FILTER_ERROR: 400,
  /** Template source or rendered SQL is larger than the configured limit. */
  SQL_TEMPLATE_TOO_LARGE: 400,
  /** The template rendered no statement at all. */
  SQL_EMPTY_STATEMENT: 400,
} as const;

export type SqlErrorCode = keyof typeof SqlErrors;
export const sqlError = defineErrors(SqlErrors);
