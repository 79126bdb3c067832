/** The pino subset the engine needs; a pino logger fits as is. */
export interface ScriptLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type ScriptLogLevel = (typeof LOG_LEVELS)[number];

const MAX_LOG_MESSAGE = 4096;

/** Writes one `log.*` line from user code into the app log, tagged with the request and the API. */
export function writeScriptLog(
  logger: ScriptLogger | undefined,
  level: unknown,
  message: unknown,
  meta: { requestId?: string; apiId: string; kind: string },
): void {
  if (!logger || typeof level !== 'string' || !(LOG_LEVELS as readonly string[]).includes(level)) return;
  const text = typeof message === 'string' ? message.slice(0, MAX_LOG_MESSAGE) : '';
  logger[level as ScriptLogLevel]({ requestId: meta.requestId, apiId: meta.apiId, source: `script:${meta.kind}` }, text);
}

export const noopLogger: ScriptLogger = { debug() {}, info() {}, warn() {}, error() {} };
