import { useQuery } from '@tanstack/react-query';
import { toApiError } from '@/api/http';
import { DiffView } from '@/components/diff-view/diff-view';
import { TableSkeleton } from '@/components/ui/feedback';
import { apiDiffQueryOptions } from '@/features/apis/api';

function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/** Side-by-side diff of two versions (`to` absent = the draft), one section per changed field. */
export function ApisVersionDiff({ apiId, from, to }: { apiId: string; from: string; to?: string }) {
  const diff = useQuery(apiDiffQueryOptions(apiId, from, to));
  if (diff.isPending) return <TableSkeleton rows={3} label="Loading diff" />;
  if (diff.isError) return <p role="alert" className="text-sm text-red-600">{toApiError(diff.error).message}</p>;
  if (diff.data.changes.length === 0) return <p className="text-sm text-zinc-500">{diff.data.from.label} and {diff.data.to.label} are identical.</p>;
  return (
    <DiffView
      leftLabel={diff.data.from.label}
      rightLabel={diff.data.to.label}
      sections={diff.data.changes.map((c) => ({ title: c.field, before: asText(c.from), after: asText(c.to) }))}
    />
  );
}
