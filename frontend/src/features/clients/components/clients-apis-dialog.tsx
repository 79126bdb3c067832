import { useQuery } from '@tanstack/react-query';
import type { ClientResponseDto } from '@/api/client';
import { toApiError } from '@/api/http';
import { tableClass, tdClass, thClass } from '@/components/data-table/table-styles';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Badge, EmptyState, TableSkeleton } from '@/components/ui/feedback';
import { clientApisQueryOptions } from '@/features/clients/api';

/** The client's effective API list: direct links and those granted through its groups. */
export function ClientsApisDialog({ client, onClose }: { client: ClientResponseDto; onClose: () => void }) {
  const apis = useQuery(clientApisQueryOptions(client.id));
  return (
    <Dialog open size="lg" onClose={onClose} title={`APIs ${client.name} may call`} footer={<Button onClick={onClose}>Close</Button>}>
      {apis.isPending ? (
        <TableSkeleton rows={3} label="Loading APIs" />
      ) : apis.isError ? (
        <p role="alert" className="text-sm text-red-600">
          {toApiError(apis.error).message}
        </p>
      ) : apis.data.length === 0 ? (
        <EmptyState title="No APIs" description="Link APIs directly or add the client to a group. Public APIs need no grant." />
      ) : (
        <table className={tableClass}>
          <thead>
            <tr>
              {['API', 'Module', 'Granted', 'State'].map((h) => (
                <th key={h} scope="col" className={thClass}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {apis.data.map((a) => (
              <tr key={a.id}>
                <td className={tdClass}>
                  <span className="font-mono text-xs">
                    {a.method} /api/{a.path.replace(/^\//, '')}
                  </span>
                  <p className="text-zinc-500">{a.name}</p>
                </td>
                <td className={tdClass}>{a.moduleName}</td>
                <td className={tdClass}>{[a.direct && 'direct', a.viaGroupIds.length > 0 && `${a.viaGroupIds.length} group${a.viaGroupIds.length === 1 ? '' : 's'}`].filter(Boolean).join(' · ')}</td>
                <td className={tdClass}>{a.published ? <Badge tone="green">Published</Badge> : <Badge>Draft</Badge>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Dialog>
  );
}
