import type { ErrorComponentProps } from '@tanstack/react-router';
import { ApiError } from '@/api/http';
import { Button } from '@/components/ui/button';

export function RouteError({ error, reset }: ErrorComponentProps) {
  const apiError = error instanceof ApiError ? error : undefined;
  const message = apiError?.message ?? (error instanceof Error ? error.message : 'Unexpected error.');
  return (
    <div role="alert" className="mx-auto mt-16 max-w-md rounded-lg border border-red-200 bg-white p-6 text-center dark:border-red-900 dark:bg-zinc-900">
      <h2 className="font-semibold">Something went wrong</h2>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{message}</p>
      {apiError?.requestId && <p className="mt-1 text-xs text-zinc-400">Request id {apiError.requestId}</p>}
      <Button className="mt-4" variant="secondary" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
