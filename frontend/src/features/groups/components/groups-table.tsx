import type { GroupResponseDto } from '@/api/client';
import { tableClass, tdClass, thClass } from '@/components/data-table/table-styles';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/feedback';

export interface GroupsTableProps {
  groups: GroupResponseDto[];
  canUpdate: boolean;
  canDelete: boolean;
  onEdit: (g: GroupResponseDto) => void;
  onDelete: (g: GroupResponseDto) => void;
}

export function GroupsTable({ groups, canUpdate, canDelete, onEdit, onDelete }: GroupsTableProps) {
  return (
    <div className="overflow-x-auto">
      <table className={tableClass}>
        <thead className="bg-zinc-50 dark:bg-zinc-900/60">
          <tr>
            {['Group', 'APIs', 'Status'].map((h) => (
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
          {groups.map((g) => (
            <tr key={g.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
              <td className={tdClass}>
                <p className="font-medium">{g.name}</p>
                {g.description && <p className="max-w-md truncate text-zinc-500">{g.description}</p>}
              </td>
              <td className={tdClass}>{g.apiIds.length}</td>
              <td className={tdClass}>{g.isActive ? <Badge tone="green">Active</Badge> : <Badge>Inactive</Badge>}</td>
              <td className={`${tdClass} text-right whitespace-nowrap`}>
                {canUpdate && (
                  <Button variant="ghost" size="sm" onClick={() => onEdit(g)} aria-label={`Edit ${g.name}`}>
                    Edit
                  </Button>
                )}
                {canDelete && (
                  <Button variant="ghost" size="sm" className="text-red-600 dark:text-red-400" onClick={() => onDelete(g)} aria-label={`Delete ${g.name}`}>
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
