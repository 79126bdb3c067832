import { tableClass, tdClass, thClass } from '@/components/data-table/table-styles';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/feedback';
import { datasourceTypeLabels } from '@/features/datasources/schemas';
import type { ConnectionTestResult, Datasource } from '@/features/datasources/types';

export interface DatasourcesTableProps {
  datasources: Datasource[];
  canUpdate: boolean;
  canDelete: boolean;
  canTest: boolean;
  testing: string | null;
  results: Record<string, ConnectionTestResult>;
  onEdit: (ds: Datasource) => void;
  onTest: (ds: Datasource) => void;
  onToggleActive: (ds: Datasource) => void;
  onDelete: (ds: Datasource) => void;
}

export function DatasourcesTable({ datasources, canUpdate, canDelete, canTest, testing, results, onEdit, onTest, onToggleActive, onDelete }: DatasourcesTableProps) {
  return (
    <div className="overflow-x-auto">
      <table className={tableClass}>
        <thead className="bg-zinc-50 dark:bg-zinc-900/60">
          <tr>
            {['Name', 'Type', 'Address', 'Status', 'Last test'].map((h) => (
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
          {datasources.map((ds) => {
            const result = results[ds.id];
            return (
              <tr key={ds.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
                <td className={tdClass}>
                  <p className="font-medium">{ds.name}</p>
                  {ds.description && <p className="max-w-xs truncate text-zinc-500">{ds.description}</p>}
                </td>
                <td className={tdClass}>{datasourceTypeLabels[ds.type]}</td>
                <td className={`${tdClass} font-mono text-xs`}>
                  {ds.host}:{ds.port}
                  {ds.database && `/${ds.database}`}
                </td>
                <td className={tdClass}>{ds.isActive ? <Badge tone="green">Active</Badge> : <Badge>Inactive</Badge>}</td>
                <td className={`${tdClass} text-xs`} aria-live="polite">
                  {result ? (
                    result.ok ? (
                      <span className="text-emerald-700 dark:text-emerald-400">
                        OK · {Math.round(result.latencyMs)} ms · {result.serverVersion}
                      </span>
                    ) : (
                      <span className="text-red-600 dark:text-red-400">{result.message}</span>
                    )
                  ) : (
                    <span className="text-zinc-400">—</span>
                  )}
                </td>
                <td className={`${tdClass} text-right whitespace-nowrap`}>
                  {canTest && (
                    <Button variant="ghost" size="sm" loading={testing === ds.id} onClick={() => onTest(ds)} aria-label={`Test ${ds.name}`}>
                      Test
                    </Button>
                  )}
                  {canUpdate && (
                    <>
                      <Button variant="ghost" size="sm" onClick={() => onEdit(ds)} aria-label={`Edit ${ds.name}`}>
                        Edit
                      </Button>
                      <Button variant="ghost" size="sm" onClick={() => onToggleActive(ds)} aria-label={`${ds.isActive ? 'Deactivate' : 'Activate'} ${ds.name}`}>
                        {ds.isActive ? 'Deactivate' : 'Activate'}
                      </Button>
                    </>
                  )}
                  {canDelete && (
                    <Button variant="ghost" size="sm" className="text-red-600 dark:text-red-400" onClick={() => onDelete(ds)} aria-label={`Delete ${ds.name}`}>
                      Delete
                    </Button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
