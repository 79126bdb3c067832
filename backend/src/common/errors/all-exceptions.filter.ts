import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppException, type ErrorDetail } from 'src/common/errors/app-exception.js';

interface ErrorBody {
  code: string;
  message: string;
  details?: ErrorDetail[];
  requestId: string;
}

const STATUS_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/** Fastify's own errors (bad JSON, body too large…) carry a statusCode and an FST_ code. */
function isFastifyError(e: unknown): e is { statusCode: number; code?: string; message: string } {
  return typeof e === 'object' && e !== null && typeof (e as { statusCode?: unknown }).statusCode === 'number';
}

/** The one place that shapes management API errors: `{code, message, details?, requestId}` (DESIGN §8). */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('AllExceptionsFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { status, body, headers } = this.toResponse(exception, String(request.id));
    if (status >= 500) this.logger.error({ err: exception, url: request.url, method: request.method, code: body.code });
    for (const [k, v] of Object.entries(headers)) reply.header(k, v);
    void reply.status(status).send(body);
  }

  toResponse(exception: unknown, requestId: string): { status: number; body: ErrorBody; headers: Record<string, string> } {
    const headers: Record<string, string> = {};
    if (exception instanceof AppException) {
      const retryAfter = exception.details?.find((d) => typeof d.retryAfterSeconds === 'number')?.retryAfterSeconds;
      if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
      return {
        status: exception.status,
        headers,
        body: { code: exception.code, message: exception.message, ...(exception.details ? { details: exception.details } : {}), requestId },
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const message = status === 404 ? 'Not found' : exception.message;
      return { status, headers, body: { code: STATUS_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST'), message, requestId } };
    }
    if (isFastifyError(exception) && exception.statusCode < 500) {
      const status = exception.statusCode;
      const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST';
      return { status, headers, body: { code, message: exception.message, requestId } };
    }
    return { status: 500, headers, body: { code: 'INTERNAL_ERROR', message: 'Internal server error', requestId } };
  }
}
