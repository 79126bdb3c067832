import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { OverviewStatsDto } from '@/api/client';
import { toApiError } from '@/api/http';
import { Skeleton } from '@/components/ui/feedback';
import { overviewStatsQueryOptions } from '@/features/overview/api';

const cards: { label: string; to: '/datasources' | '/api-modules' | '/apis' | '/clients' | '/groups' | '/access-logs'; value: (s: OverviewStatsDto) => string }[] = [
  { label: 'Data sources', to: '/datasources', value: (s) => String(s.datasources) },
  { label: 'Modules', to: '/api-modules', value: (s) => String(s.modules) },
  { label: 'APIs published', to: '/apis', value: (s) => `${s.apisPublished} / ${s.apisTotal}` },
  { label: 'Clients', to: '/clients', value: (s) => String(s.clients) },
  { label: 'Groups', to: '/groups', value: (s) => String(s.groups) },
  { label: 'Calls (24 h)', to: '/access-logs', value: (s) => `${s.requests24h} · ${(s.errorRate24h * 100).toFixed(1)}% errors` },
];

export function OverviewStatCards() {
  const stats = useQuery(overviewStatsQueryOptions());
  if (stats.isError) return <p role="alert" className="text-sm text-red-600">{toApiError(stats.error).message}</p>;
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
      {cards.map((card) => (
        <Link key={card.label} to={card.to} className="rounded-lg border border-zinc-200 bg-white p-4 shadow-xs hover:border-indigo-300 dark:border-zinc-800 dark:bg-zinc-900">
          <p className="text-xs text-zinc-500">{card.label}</p>
          {stats.data ? <p className="mt-1 text-lg font-semibold">{card.value(stats.data)}</p> : <Skeleton className="mt-2 h-6 w-16" />}
        </Link>
      ))}
    </div>
  );
}
