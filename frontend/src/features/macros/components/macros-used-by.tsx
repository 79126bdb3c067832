import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { toApiError } from '@/api/http';
import { Badge, Skeleton } from '@/components/ui/feedback';
import { macroUsedByQueryOptions } from '@/features/macros/api';

export function MacrosUsedBy({ macroId }: { macroId: string }) {
  const usage = useQuery(macroUsedByQueryOptions(macroId));
  if (usage.isPending) return <Skeleton className="h-16 w-full" />;
  if (usage.isError) return <p role="alert" className="text-sm text-red-600">{toApiError(usage.error).message}</p>;
  if (usage.data.length === 0) return <p className="text-sm text-zinc-500">No API uses this macro.</p>;
  return (
    <ul aria-label="Used by" className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
      {usage.data.map((u) => (
        <li key={u.id} className="flex items-center justify-between py-2">
          <Link to="/apis/$apiId" params={{ apiId: u.id }} className="text-indigo-600 hover:underline dark:text-indigo-400">
            {u.name} <span className="font-mono text-xs text-zinc-500">{u.method} /{u.path}</span>
          </Link>
          <span className="flex gap-1">
            {u.inDraft && <Badge>draft</Badge>}
            {u.inPublished && <Badge tone="green">published</Badge>}
          </span>
        </li>
      ))}
    </ul>
  );
}
