import { Link } from '@tanstack/react-router';
import { tableClass, tdClass, thClass } from '@/components/data-table/table-styles';
import { Badge } from '@/components/ui/feedback';
import type { ApiDefinition } from '@/features/apis/types';

export function ApisTable({ apis, moduleNames }: { apis: ApiDefinition[]; moduleNames: Record<string, string> }) {
  return (
    <div className="overflow-x-auto">
      <table className={tableClass}>
        <thead className="bg-zinc-50 dark:bg-zinc-900/60">
          <tr>
            {['API', 'Route', 'Module', 'Engine', 'Access', 'Status', 'Updated'].map((h) => (
              <th key={h} scope="col" className={thClass}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {apis.map((a) => (
            <tr key={a.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
              <td className={tdClass}>
                <Link to="/apis/$apiId" params={{ apiId: a.id }} className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
                  {a.name}
                </Link>
              </td>
              <td className={`${tdClass} font-mono text-xs whitespace-nowrap`}>
                <span className="mr-2 font-semibold">{a.method}</span>/api/{a.path.replace(/^\//, '')}
              </td>
              <td className={tdClass}>{moduleNames[a.moduleId] ?? '—'}</td>
              <td className={tdClass}>{a.engine === 'sql' ? 'SQL' : 'Script'}</td>
              <td className={tdClass}>{a.accessType === 'public' ? <Badge tone="amber">Public</Badge> : <Badge>Private</Badge>}</td>
              <td className={tdClass}>{a.status === 'published' ? <Badge tone="green">Published v{a.publishedVersion}</Badge> : <Badge>Draft</Badge>}</td>
              <td className={`${tdClass} text-xs text-zinc-500 whitespace-nowrap`}>{new Date(a.updatedAt).toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
