import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { toApiError } from '@/api/http';
import { TablePagination } from '@/components/data-table/table-pagination';
import { panelClass, tableClass, tdClass, thClass } from '@/components/data-table/table-styles';
import { Button } from '@/components/ui/button';
import { Badge, EmptyState, PageHeader, TableSkeleton } from '@/components/ui/feedback';
import { inputClass } from '@/components/ui/field';
import { apiModuleOptionsQueryOptions } from '@/features/api-modules/api';
import { meQueryOptions } from '@/features/auth/api';
import { macrosListQueryOptions, type MacrosListParams } from '@/features/macros/api';
import { MacrosCreateDialog } from '@/features/macros/components/macros-create-dialog';
import { can } from '@/lib/permissions';

export function MacrosPage({ params, onParamsChange }: { params: MacrosListParams; onParamsChange: (next: Partial<MacrosListParams>) => void }) {
  const navigate = useNavigate();
  const { data: me } = useQuery(meQueryOptions());
  const list = useQuery(macrosListQueryOptions(params));
  const modules = useQuery(apiModuleOptionsQueryOptions());
  const [creating, setCreating] = useState(false);
  const moduleName = (id: string | null) => (id ? (modules.data?.find((m) => m.id === id)?.name ?? '—') : 'Global');
  const onSearch = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onParamsChange({ q: String(new FormData(event.currentTarget).get('q') ?? '').trim() || undefined, page: 1 });
  };
  return (
    <>
      <PageHeader title="Macros" description="Shared SQL fragments and script helpers, versioned and published like APIs." actions={can(me, 'macro', 'create') && <Button onClick={() => setCreating(true)}>New macro</Button>} />
      <div className={panelClass}>
        <form role="search" onSubmit={onSearch} className="flex gap-2 border-b border-zinc-200 p-3 dark:border-zinc-800">
          <input aria-label="Search macros" name="q" type="search" defaultValue={params.q ?? ''} placeholder="Search by name" className={`${inputClass} max-w-xs`} />
          <Button type="submit" variant="secondary">
            Search
          </Button>
        </form>
        {list.isPending ? (
          <TableSkeleton label="Loading macros" />
        ) : list.isError ? (
          <EmptyState title="Could not load macros" description={toApiError(list.error).message} />
        ) : list.data.items.length === 0 ? (
          <EmptyState title={params.q ? 'No matching macros' : 'No macros yet'} description="A macro keeps a repeated SQL condition or helper function in one place." />
        ) : (
          <>
            <table className={tableClass}>
              <thead className="bg-zinc-50 dark:bg-zinc-900/60">
                <tr>
                  {['Macro', 'Kind', 'Scope', 'Status'].map((h) => (
                    <th key={h} scope="col" className={thClass}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
                {list.data.items.map((m) => (
                  <tr key={m.id}>
                    <td className={tdClass}>
                      <Link to="/macros/$macroId" params={{ macroId: m.id }} className="font-mono font-medium text-indigo-600 hover:underline dark:text-indigo-400">
                        {m.name}
                      </Link>
                      {m.description && <p className="text-zinc-500">{m.description}</p>}
                    </td>
                    <td className={tdClass}>{m.kind === 'sql' ? 'SQL' : 'JavaScript'}</td>
                    <td className={tdClass}>{moduleName(m.moduleId)}</td>
                    <td className={tdClass}>{m.status === 'published' ? <Badge tone="green">Published v{m.publishedVersion}</Badge> : <Badge>Draft</Badge>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <TablePagination page={params.page} pageSize={params.pageSize} total={list.data.total} onPageChange={(page) => onParamsChange({ page })} />
          </>
        )}
      </div>
      {creating && <MacrosCreateDialog onClose={() => setCreating(false)} onCreated={(m) => void navigate({ to: '/macros/$macroId', params: { macroId: m.id } })} />}
    </>
  );
}
