import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/http';
import { createAppQueryClient } from '@/lib/query-client';

describe('createAppQueryClient', () => {
  it('should call onUnauthorized when a query fails with 401', async () => {
    const onUnauthorized = vi.fn();
    const client = createAppQueryClient(onUnauthorized);
    await expect(
      client.fetchQuery({ queryKey: ['t', 401], queryFn: () => Promise.reject(new ApiError('Session expired', 401, 'AUTH_UNAUTHENTICATED')) }),
    ).rejects.toThrow('Session expired');
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it('should leave other failures to the caller and not retry client errors', async () => {
    const onUnauthorized = vi.fn();
    const client = createAppQueryClient(onUnauthorized);
    const queryFn = vi.fn(() => Promise.reject(new ApiError('Forbidden', 403, 'AUTH_FORBIDDEN')));
    await expect(client.fetchQuery({ queryKey: ['t', 403], queryFn, retry: client.getDefaultOptions().queries?.retry })).rejects.toThrow('Forbidden');
    expect(queryFn).toHaveBeenCalledOnce();
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('should call onUnauthorized when a mutation fails with 401', async () => {
    const onUnauthorized = vi.fn();
    const client = createAppQueryClient(onUnauthorized);
    const mutation = client.getMutationCache().build(client, { mutationFn: () => Promise.reject(new ApiError('Session expired', 401, 'AUTH_UNAUTHENTICATED')) });
    await expect(mutation.execute(undefined)).rejects.toThrow('Session expired');
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });
});
