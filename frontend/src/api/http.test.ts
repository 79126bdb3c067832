import { describe, expect, it } from 'vitest';
import { ApiError, toApiError } from '@/api/http';

describe('toApiError', () => {
  it('should keep code, message, details and request id from the management envelope', () => {
    const response = new Response(null, { status: 400 });
    const error = toApiError(
      { code: 'VALIDATION_FAILED', message: 'Invalid input', details: [{ field: 'email', message: 'email must be an email' }], requestId: 'r-9' },
      response,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: 'Invalid input', requestId: 'r-9' });
    expect(error.details).toEqual([{ field: 'email', message: 'email must be an email' }]);
  });

  it('should read Retry-After on throttled answers', () => {
    const response = new Response(null, { status: 429, headers: { 'Retry-After': '30' } });
    expect(toApiError({ code: 'AUTH_THROTTLED', message: 'Slow down', requestId: 'r' }, response).retryAfterSeconds).toBe(30);
  });

  it('should give a readable message for bodies that are not the envelope', () => {
    expect(toApiError('<html>Bad gateway</html>', new Response(null, { status: 502 }))).toMatchObject({ status: 502, code: 'INTERNAL_ERROR', message: 'Request failed (HTTP 502).' });
    expect(toApiError('', new Response(null, { status: 403 })).message).toBe('You do not have permission to do this.');
  });

  it('should report network failures without a status', () => {
    expect(toApiError(new TypeError('fetch failed'))).toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });
});
