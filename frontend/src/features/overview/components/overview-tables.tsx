import { useQuery } from '@tanstack/react-query';
import { tableClass, tdClass, thClass } from '@/components/data-table/table-styles';
import { Badge } from '@/components/ui/feedback';
import { overviewRecentAccessQueryOptions, overviewRecentCommitsQueryOptions, overviewTopApisQueryOptions } from '@/features/overview/api';
import { OverviewWidget } from '@/features/overview/components/overview-widget';

const empty = (text: string) => <p className="py-6 text-center text-sm text-zinc-500">{text}</p>;

function Table({ label, headers, rows }: { label: string; headers: string[]; rows: React.ReactNode[][] }) {
  return (
    <div className="-mx-5 overflow-x-auto">
      <table className={tableClass} aria-label={label}>
        <thead>
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col" className={thClass}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {rows.map((cells, i) => (
            <tr key={i}>
              {cells.map((c, j) => (
                <td key={j} className={`${tdClass} py-2 text-xs`}>
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function OverviewTopApis({ days }: { days: number }) {
  const top = useQuery(overviewTopApisQueryOptions(days, 10));
  return (
    <OverviewWidget title="Top APIs" query={top}>
      {(apis) =>
        apis.length === 0
          ? empty('No calls in this range.')
          : (
            <Table
              label="Top APIs"
              headers={['API', 'Calls', 'Errors', 'p50', 'p95', 'p99']}
              rows={apis.map((a) => [<span className="font-mono">{a.apiDisplay ?? 'unmatched'}</span>, a.count, `${(a.errorRate * 100).toFixed(1)}%`, `${a.p50} ms`, `${a.p95} ms`, `${a.p99} ms`])}
            />
          )
      }
    </OverviewWidget>
  );
}

export function OverviewRecentAccess() {
  const recent = useQuery(overviewRecentAccessQueryOptions(10));
  return (
    <OverviewWidget title="Recent calls" query={recent}>
      {(logs) =>
        logs.length === 0
          ? empty('No calls yet.')
          : (
            <Table
              label="Recent calls"
              headers={['Time', 'Request', 'Status', 'Duration']}
              rows={logs.map((l) => [new Date(l.createdAt).toLocaleTimeString(), <span className="font-mono">{l.method} {l.path}</span>, <Badge tone={l.status < 400 ? 'green' : 'amber'}>{l.status}</Badge>, `${l.durationMs.toFixed(1)} ms`])}
            />
          )
      }
    </OverviewWidget>
  );
}

export function OverviewRecentCommits() {
  const commits = useQuery(overviewRecentCommitsQueryOptions(10));
  return (
    <OverviewWidget title="Recent commits" query={commits}>
      {(rows) =>
        rows.length === 0
          ? empty('No versions committed yet.')
          : (
            <Table
              label="Recent commits"
              headers={['API', 'Version', 'Message', 'By']}
              rows={rows.map((c) => [<span className="font-mono">{c.method} /{c.path}</span>, <>v{c.version} {c.published && <Badge tone="green">live</Badge>}</>, c.message, c.authorEmail ?? '—'])}
            />
          )
      }
    </OverviewWidget>
  );
}
