import type { AccessLogResponseDto } from '@/api/client';
import { tableClass, tdClass, thClass } from '@/components/data-table/table-styles';
import { Badge } from '@/components/ui/feedback';

export function statusTone(status: number) {
  return status < 400 ? 'green' : status < 500 ? 'amber' : 'neutral';
}

export function AccessLogsTable({ logs, onOpen }: { logs: AccessLogResponseDto[]; onOpen: (log: AccessLogResponseDto) => void }) {
  return (
    <div className="overflow-x-auto">
      <table className={tableClass} aria-label="Access logs">
        <thead className="bg-zinc-50 dark:bg-zinc-900/60">
          <tr>
            {['Time', 'Request', 'API', 'Client', 'Status', 'Duration', 'IP'].map((h) => (
              <th key={h} scope="col" className={thClass}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {logs.map((log) => (
            <tr key={log.id} className="cursor-pointer hover:bg-zinc-50 dark:hover:bg-zinc-800/40" onClick={() => onOpen(log)}>
              <td className={`${tdClass} text-xs whitespace-nowrap text-zinc-500`}>{new Date(log.createdAt).toLocaleString()}</td>
              <td className={`${tdClass} font-mono text-xs`}>
                <button type="button" className="text-left text-indigo-600 hover:underline dark:text-indigo-400" onClick={() => onOpen(log)}>
                  {log.method} {log.path}
                </button>
              </td>
              <td className={tdClass}>{log.apiDisplay ?? '—'}</td>
              <td className={tdClass}>{log.clientName ?? log.clientKey ?? <span className="text-zinc-400">anonymous</span>}</td>
              <td className={tdClass}>
                <Badge tone={statusTone(log.status)}>{log.status}</Badge>
                {log.errorCode && <span className="ml-1 font-mono text-xs text-zinc-500">{log.errorCode}</span>}
              </td>
              <td className={`${tdClass} text-right font-mono text-xs`}>{log.durationMs.toFixed(1)} ms</td>
              <td className={`${tdClass} font-mono text-xs`}>{log.ip ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
