import { AppException } from 'src/common/errors/app-exception.js';
import { datasourceError, type DatasourceErrorCode } from 'src/datasources/datasources.errors.js';

/** Driver-level facts kept on the exception for logs and the dashboard console; the gateway never shows them. */
export interface DriverErrorInfo {
  driverMessage: string;
  driverCode?: string;
}

/** Builds a data-source AppException that carries the driver error as `cause` and in `details`. */
export function dbError(code: DatasourceErrorCode, message: string, cause?: unknown): AppException {
  const info = cause === undefined ? undefined : driverInfo(cause);
  const ex = datasourceError(code, message, info ? [{ message: info.driverMessage, driverCode: info.driverCode }] : undefined);
  if (cause !== undefined) Object.defineProperty(ex, 'cause', { value: cause, enumerable: false });
  return ex;
}

export function driverInfo(err: unknown): DriverErrorInfo {
  if (err instanceof Error) {
    const e = err as Error & { code?: unknown; errno?: unknown };
    const code = typeof e.code === 'string' ? e.code : typeof e.errno === 'number' ? String(e.errno) : undefined;
    return { driverMessage: e.message, driverCode: code };
  }
  return { driverMessage: String(err) };
}

export const isAppException = (err: unknown): err is AppException => err instanceof AppException;

/** An AbortSignal's reason as a QUERY_CANCELLED exception. */
export function cancelledError(): AppException {
  return datasourceError('QUERY_CANCELLED', 'The query was cancelled because the caller went away or its deadline passed');
}
