import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { toApiError } from '@/api/http';
import { Button } from '@/components/ui/button';
import { EmptyState, TableSkeleton } from '@/components/ui/feedback';

export interface ListStatusProps<P extends { items: unknown[] }> {
  query: UseQueryResult<P>;
  /** Plural noun for the messages: "modules" → "Loading modules", "No modules yet". */
  noun: string;
  /** A search or filter is applied (changes the empty message). */
  filtered: boolean;
  /** What to do when there is nothing yet, e.g. "Create a module to hold your first API." */
  emptyHint: string;
  children: (page: P) => ReactNode;
}

/** A list page's loading skeleton, error with retry, and empty state; the page renders the rest. */
export function ListStatus<P extends { items: unknown[] }>({ query, noun, filtered, emptyHint, children }: ListStatusProps<P>) {
  if (query.isPending) return <TableSkeleton label={`Loading ${noun}`} />;
  if (query.isError) {
    return <EmptyState title={`Could not load ${noun}`} description={toApiError(query.error).message} action={<Button variant="secondary" onClick={() => void query.refetch()}>Retry</Button>} />;
  }
  if (query.data.items.length === 0) {
    return <EmptyState title={filtered ? `No matching ${noun}` : `No ${noun} yet`} description={filtered ? 'Try another search.' : emptyHint} />;
  }
  return <>{children(query.data)}</>;
}
