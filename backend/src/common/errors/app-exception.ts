export interface ErrorDetail {
  /** The request field (or parameter) the message is about, when there is one. */
  field?: string;
  message: string;
  [key: string]: unknown;
}

/**
 * The one exception services throw. The status comes from the feature's error table
 * (`<feature>.errors.ts`, built with {@link defineErrors}), never picked ad hoc.
 */
export class AppException extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'AppException';
  }
}

/** Builds a feature's code → status table and a typed factory for its exceptions. */
export function defineErrors<T extends Record<string, number>>(table: T) {
  return (code: keyof T & string, message: string, details?: ErrorDetail[]): AppException =>
    new AppException(code, table[code], message, details);
}
