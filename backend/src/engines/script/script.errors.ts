import { defineErrors } from 'src/common/errors/app-exception.js';

/**
 * Script engine codes. User code (scripts, validators, transforms) is the API author's, not the caller's,
 * so its failures are server errors; only a timeout (504), a full pool (503) or a cancelled request (499)
 * say something else. Datasource codes (STATEMENT_TIMEOUT, DATASOURCE_SATURATED, …) raised by `db.*` and
 * left uncaught by the script keep their own code and status.
 */
export const ScriptErrors = {
  /** Syntax error or uncaught exception in user code; `details[0]` carries line and column. */
  SCRIPT_ERROR: 500,
  /** Wall-clock or CPU deadline of the call passed (the isolate is disposed and replaced). */
  SCRIPT_TIMEOUT: 504,
  /** The isolate ran out of its memory limit (disposed and replaced). */
  SCRIPT_MEMORY: 500,
  /** The script asked for something the sandbox does not allow (host not allow-listed, private address, bad option…). */
  SCRIPT_FORBIDDEN: 500,
  /** The serialised result exceeds `maxResultBytes`. */
  SCRIPT_RESULT_TOO_LARGE: 500,
  /** A per-call limit other than time, memory and result size: host calls, response size, value size. */
  SCRIPT_LIMIT: 500,
  /** An allow-listed HTTP call failed (DNS, connection, timeout). */
  SCRIPT_HTTP_FAILED: 502,
  /** Every isolate was busy and the queue deadline passed (or the queue is full). */
  SCRIPT_BUSY: 503,
  /** The caller went away (request signal aborted). */
  SCRIPT_CANCELLED: 499,
} as const;

export type ScriptErrorCode = keyof typeof ScriptErrors;
export const scriptError = defineErrors(ScriptErrors);

/** Where in the user's code an error happened; `source` tells the script itself from a prepended macro. */
export interface ScriptErrorLocation {
  source: 'script' | 'macro';
  /** Index into `macros` when `source` is 'macro'. */
  macroIndex?: number;
  line: number;
  column: number;
}
