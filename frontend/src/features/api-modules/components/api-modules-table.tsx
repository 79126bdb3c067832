import { Link } from '@tanstack/react-router';
import { tableClass, tdClass, thClass } from '@/components/data-table/table-styles';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/feedback';
import type { ApiModule } from '@/features/api-modules/types';

export interface ApiModulesTableProps {
  modules: ApiModule[];
  canUpdate: boolean;
  canDelete: boolean;
  onEdit: (m: ApiModule) => void;
  onToggleActive: (m: ApiModule) => void;
  onDelete: (m: ApiModule) => void;
}

export function ApiModulesTable({ modules, canUpdate, canDelete, onEdit, onToggleActive, onDelete }: ApiModulesTableProps) {
  return (
    <div className="overflow-x-auto">
      <table className={tableClass}>
        <thead className="bg-zinc-50 dark:bg-zinc-900/60">
          <tr>
            {['Module', 'APIs', 'Order', 'Status'].map((h) => (
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
          {modules.map((m) => (
            <tr key={m.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
              <td className={tdClass}>
                <p className="font-medium">{m.name}</p>
                {m.description && <p className="max-w-md truncate text-zinc-500">{m.description}</p>}
              </td>
              <td className={tdClass}>
                <Link to="/apis" search={{ moduleId: m.id }} className="text-indigo-600 hover:underline dark:text-indigo-400">
                  {m.apiCount} API{m.apiCount === 1 ? '' : 's'}
                </Link>
                <span className="text-zinc-500"> · {m.publishedApiCount} published</span>
              </td>
              <td className={tdClass}>{m.sortOrder}</td>
              <td className={tdClass}>{m.isActive ? <Badge tone="green">Active</Badge> : <Badge>Inactive</Badge>}</td>
              <td className={`${tdClass} text-right whitespace-nowrap`}>
                {canUpdate && (
                  <>
                    <Button variant="ghost" size="sm" onClick={() => onEdit(m)} aria-label={`Edit ${m.name}`}>
                      Edit
                    </Button>
                    <Button variant="ghost" size="sm" onClick={() => onToggleActive(m)} aria-label={`${m.isActive ? 'Deactivate' : 'Activate'} ${m.name}`}>
                      {m.isActive ? 'Deactivate' : 'Activate'}
                    </Button>
                  </>
                )}
                {canDelete && (
                  <Button variant="ghost" size="sm" className="text-red-600 dark:text-red-400" onClick={() => onDelete(m)} aria-label={`Delete ${m.name}`}>
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
