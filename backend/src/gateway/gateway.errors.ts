/**
 * Gateway error codes → HTTP status and the message external callers see. Stages throw
 * `GatewayException(code)`; engine and data-source failures keep their own code and status, and their
 * message is replaced by the status's external message outside development mode.
 */
export const GatewayErrors = {
  PARAMS_INVALID: { status: 400, message: 'Bad Request' },
  BODY_INVALID: { status: 400, message: 'Bad Request' },
  UNAUTHORIZED: { status: 401, message: 'Unauthorized' },
  FORBIDDEN: { status: 403, message: 'Forbidden' },
  IP_NOT_ALLOWED: { status: 403, message: 'Forbidden' },
  NOT_FOUND: { status: 404, message: 'Not Found' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'Payload Too Large' },
  NOT_ACCEPTABLE: { status: 406, message: 'Not Acceptable' },
  RATE_LIMITED: { status: 429, message: 'Too Many Requests' },
  CONCURRENCY_LIMITED: { status: 503, message: 'Service Unavailable' },
  INTERNAL_ERROR: { status: 500, message: 'Internal server error' },
} as const;

export type GatewayErrorCode = keyof typeof GatewayErrors;

const STATUS_MESSAGES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  499: 'Client Closed Request',
  500: 'Internal server error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The message a caller sees for a status when internal detail must not leak. */
export const externalMessage = (status: number): string => STATUS_MESSAGES[status] ?? (status >= 500 ? 'Internal server error' : 'Bad Request');

export class GatewayException extends Error {
  readonly status: number;
  constructor(
    readonly code: GatewayErrorCode,
    /** Internal detail for the app log and the access log; never sent outside development. */
    detail?: string,
    readonly errors?: { param: string; message: string }[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? GatewayErrors[code].message);
    this.status = GatewayErrors[code].status;
  }
}
