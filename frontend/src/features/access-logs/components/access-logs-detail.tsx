import { useQuery } from '@tanstack/react-query';
import { toApiError } from '@/api/http';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { TableSkeleton } from '@/components/ui/feedback';
import { accessLogDetailQueryOptions } from '@/features/access-logs/api';

/** One call in full: request, outcome, parameters (sensitive ones masked by the server) and body. */
export function AccessLogsDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const log = useQuery(accessLogDetailQueryOptions(id));
  return (
    <Dialog open variant="drawer" size="lg" title="Call detail" onClose={onClose} footer={<Button onClick={onClose}>Close</Button>}>
      {log.isPending ? (
        <TableSkeleton rows={4} label="Loading call" />
      ) : log.isError ? (
        <p role="alert" className="text-sm text-red-600">
          {toApiError(log.error).message}
        </p>
      ) : (
        <div className="space-y-4 text-sm">
          <dl className="grid grid-cols-[9rem_1fr] gap-x-4 gap-y-1.5">
            {[
              ['Request', `${log.data.method} ${log.data.path}`],
              ['API', log.data.apiDisplay ?? '—'],
              ['Status', `${log.data.status}${log.data.errorCode ? ` ${log.data.errorCode}` : ''}`],
              ['Duration', `${log.data.durationMs.toFixed(1)} ms`],
              ['Rows', log.data.rowCount ?? '—'],
              ['Response size', log.data.responseBytes === null ? '—' : `${log.data.responseBytes} bytes`],
              ['Cache', log.data.cacheHit ? 'hit' : 'miss'],
              ['Client', log.data.clientName ?? log.data.clientKey ?? 'anonymous'],
              ['IP', log.data.ip ?? '—'],
              ['User agent', log.data.userAgent ?? '—'],
              ['Request id', log.data.requestId],
              ['Time', new Date(log.data.createdAt).toLocaleString()],
            ].map(([k, v]) => (
              <div key={String(k)} className="contents">
                <dt className="text-zinc-500">{k}</dt>
                <dd className="font-mono text-xs break-all">{String(v)}</dd>
              </div>
            ))}
          </dl>
          <div>
            <h3 className="mb-1 font-medium">Parameters</h3>
            <pre aria-label="Parameters" className="overflow-x-auto rounded-md bg-zinc-50 p-3 font-mono text-xs dark:bg-zinc-950">
              {JSON.stringify(log.data.params ?? {}, null, 2)}
            </pre>
          </div>
          {log.data.requestBody && (
            <div>
              <h3 className="mb-1 font-medium">Request body</h3>
              <pre className="overflow-x-auto rounded-md bg-zinc-50 p-3 font-mono text-xs dark:bg-zinc-950">{log.data.requestBody}</pre>
            </div>
          )}
        </div>
      )}
    </Dialog>
  );
}
