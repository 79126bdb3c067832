import type { ClientResponseDto } from '@/api/client';
import { tableClass, tdClass, thClass } from '@/components/data-table/table-styles';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/feedback';

export interface ClientsTableProps {
  clients: ClientResponseDto[];
  canUpdate: boolean;
  canDelete: boolean;
  onEdit: (c: ClientResponseDto) => void;
  onShowApis: (c: ClientResponseDto) => void;
  onRotate: (c: ClientResponseDto) => void;
  onDelete: (c: ClientResponseDto) => void;
}

function limits(c: ClientResponseDto): string {
  const parts = [c.rateLimitPerMinute ? `${c.rateLimitPerMinute}/min` : null, c.maxConcurrent ? `${c.maxConcurrent} concurrent` : null, c.allowedIps.length ? `${c.allowedIps.length} IP rule${c.allowedIps.length === 1 ? '' : 's'}` : null];
  return parts.filter(Boolean).join(' · ') || 'Defaults';
}

export function ClientsTable({ clients, canUpdate, canDelete, onEdit, onShowApis, onRotate, onDelete }: ClientsTableProps) {
  return (
    <div className="overflow-x-auto">
      <table className={tableClass}>
        <thead className="bg-zinc-50 dark:bg-zinc-900/60">
          <tr>
            {['Client', 'Client id', 'Access', 'Limits', 'Status'].map((h) => (
              <th key={h} scope="col" className={thClass}>
                {h}
              </th>
            ))}
            <th scope="col" className={thClass}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {clients.map((c) => (
            <tr key={c.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
              <td className={tdClass}>
                <p className="font-medium">{c.name}</p>
                {c.description && <p className="max-w-xs truncate text-zinc-500">{c.description}</p>}
              </td>
              <td className={`${tdClass} font-mono text-xs`}>{c.clientId}</td>
              <td className={tdClass}>
                <Button variant="ghost" size="sm" onClick={() => onShowApis(c)} aria-label={`APIs of ${c.name}`}>
                  {c.groupIds.length} group{c.groupIds.length === 1 ? '' : 's'} · {c.apiIds.length} direct
                </Button>
              </td>
              <td className={`${tdClass} text-xs text-zinc-500`}>{limits(c)}</td>
              <td className={tdClass}>{c.isActive ? <Badge tone="green">Active</Badge> : <Badge>Inactive</Badge>}</td>
              <td className={`${tdClass} text-right whitespace-nowrap`}>
                {canUpdate && (
                  <>
                    <Button variant="ghost" size="sm" onClick={() => onEdit(c)} aria-label={`Edit ${c.name}`}>
                      Edit
                    </Button>
                    <Button variant="ghost" size="sm" onClick={() => onRotate(c)} aria-label={`Rotate secret of ${c.name}`}>
                      Rotate secret
                    </Button>
                  </>
                )}
                {canDelete && (
                  <Button variant="ghost" size="sm" className="text-red-600 dark:text-red-400" onClick={() => onDelete(c)} aria-label={`Delete ${c.name}`}>
                    Delete
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
