import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { toApiError } from '@/api/http';
import { Card, Skeleton } from '@/components/ui/feedback';

/** A card that shows its own loading skeleton and error (a 403 on one widget leaves the others working). */
export function OverviewWidget<T>({ title, query, children }: { title: string; query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  return (
    <Card title={title}>
      {query.isPending ? (
        <Skeleton className="h-40 w-full" />
      ) : query.isError ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {toApiError(query.error).message}
        </p>
      ) : (
        children(query.data)
      )}
    </Card>
  );
}
