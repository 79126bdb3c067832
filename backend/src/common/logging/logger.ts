import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import { currentRequestId } from 'src/common/logging/request-context.js';

/** Keys never written to the app log, wherever they appear in a logged object. */
const REDACT = [
  'password',
  'passwordHash',
  'newPassword',
  'currentPassword',
  'clientSecret',
  'client_secret',
  'secret',
  'accessToken',
  'access_token',
  'token',
  'authorization',
  'cookie',
  'values',
  'params',
];

export function createRootLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: [...REDACT, ...REDACT.map((k) => `*.${k}`), 'req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
  });
}

/** Nest's LoggerService over the one pino logger; `context` is the class name. */
export class AppLogger implements LoggerService {
  constructor(private readonly root: Logger) {}
  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace', message: unknown, params: unknown[]) {
    const context = params.length && typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    if (message instanceof Error) return this.root[level]({ context, err: message }, message.message);
    if (typeof message === 'object' && message !== null) return this.root[level]({ context, ...message });
    const extra = params.find((p) => typeof p === 'string' && p.includes('\n'));
    this.root[level]({ context, ...(extra ? { stack: extra } : {}) }, String(message));
  }
  log(message: unknown, ...params: unknown[]) {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]) {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.write('trace', message, params);
  }
}
