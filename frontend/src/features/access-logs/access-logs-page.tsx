import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { toApiError } from '@/api/http';
import { TablePagination } from '@/components/data-table/table-pagination';
import { panelClass } from '@/components/data-table/table-styles';
import { Button } from '@/components/ui/button';
import { EmptyState, PageHeader, TableSkeleton } from '@/components/ui/feedback';
import { accessLogsExportUrl, accessLogsListQueryOptions, type AccessLogsListParams } from '@/features/access-logs/api';
import { AccessLogsDetail } from '@/features/access-logs/components/access-logs-detail';
import { AccessLogsFilters } from '@/features/access-logs/components/access-logs-filters';
import { AccessLogsTable } from '@/features/access-logs/components/access-logs-table';
import type { AccessLogsSearch } from '@/features/access-logs/schemas';

export interface AccessLogsPageProps {
  params: AccessLogsListParams;
  onSearchChange: (next: AccessLogsSearch) => void;
}

export function AccessLogsPage({ params, onSearchChange }: AccessLogsPageProps) {
  const list = useQuery(accessLogsListQueryOptions(params));
  const [openId, setOpenId] = useState<string | null>(null);
  const { page: _page, pageSize: _pageSize, ...filters } = params;
  const filtered = Object.values(filters).some(Boolean);
  return (
    <>
      <PageHeader
        title="Access logs"
        description="Every gateway call with its outcome and timing."
        actions={
          <>
            <Button variant="secondary" onClick={() => void list.refetch()} loading={list.isFetching}>
              Refresh
            </Button>
            <a href={accessLogsExportUrl(filters)} download className="inline-flex h-9 items-center rounded-md border border-zinc-300 bg-white px-4 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800">
              Export CSV
            </a>
          </>
        }
      />
      <div className={panelClass}>
        <AccessLogsFilters search={params} onChange={onSearchChange} />
        {list.isPending ? (
          <TableSkeleton label="Loading access logs" />
        ) : list.isError ? (
          <EmptyState title="Could not load access logs" description={toApiError(list.error).message} action={<Button variant="secondary" onClick={() => void list.refetch()}>Retry</Button>} />
        ) : list.data.items.length === 0 ? (
          <EmptyState title={filtered ? 'No calls match' : 'No calls yet'} description={filtered ? 'Widen the filters or the time range.' : 'Calls to published APIs appear here within seconds.'} />
        ) : (
          <>
            <AccessLogsTable logs={list.data.items} onOpen={(log) => setOpenId(log.id)} />
            <TablePagination page={params.page} pageSize={params.pageSize} total={list.data.total} onPageChange={(page) => onSearchChange({ ...params, page })} />
          </>
        )}
      </div>
      {openId && <AccessLogsDetail id={openId} onClose={() => setOpenId(null)} />}
    </>
  );
}
