import { useQuery } from '@tanstack/react-query';
import { toApiError } from '@/api/http';
import { panelClass } from '@/components/data-table/table-styles';
import { EmptyState, PageHeader, TableSkeleton } from '@/components/ui/feedback';
import { inputClass } from '@/components/ui/field';
import { catalogueQueryOptions } from '@/features/catalogue/api';
import { CatalogueDetail } from '@/features/catalogue/components/catalogue-detail';

export interface CataloguePageProps {
  selected?: string;
  q?: string;
  onChange: (next: { op?: string; q?: string }) => void;
}

/** Published APIs from the gateway's OpenAPI document, with a try-it console and snippets. */
export function CataloguePage({ selected, q = '', onChange }: CataloguePageProps) {
  const catalogue = useQuery(catalogueQueryOptions());
  const operations = (catalogue.data?.operations ?? []).filter((o) => `${o.key} ${o.summary}`.toLowerCase().includes(q.toLowerCase()));
  const current = catalogue.data?.operations.find((o) => o.key === selected) ?? operations[0];
  return (
    <>
      <PageHeader title="API catalogue" description={`Published APIs as clients see them. OpenAPI 3.1: ${window.location.origin}/api/openapi.json`} />
      {catalogue.isPending ? (
        <TableSkeleton label="Loading the catalogue" />
      ) : catalogue.isError ? (
        <EmptyState title="Could not load the catalogue" description={toApiError(catalogue.error).message} />
      ) : catalogue.data.operations.length === 0 ? (
        <EmptyState title="No published APIs" description="Publish a version of an API to list it here." />
      ) : (
        <div className="grid gap-4 lg:grid-cols-[18rem_1fr]">
          <div className={`${panelClass} self-start`}>
            <div className="border-b border-zinc-200 p-2 dark:border-zinc-800">
              <input aria-label="Search published APIs" type="search" className={inputClass} placeholder="Search" value={q} onChange={(e) => onChange({ q: e.target.value || undefined, op: selected })} />
            </div>
            <ul aria-label="Published APIs" className="max-h-[70vh] overflow-y-auto py-1">
              {operations.map((o) => (
                <li key={o.key}>
                  <button
                    type="button"
                    aria-current={o.key === current?.key || undefined}
                    onClick={() => onChange({ op: o.key, q: q || undefined })}
                    className="block w-full px-3 py-2 text-left text-sm hover:bg-zinc-50 aria-[current=true]:bg-indigo-50 dark:hover:bg-zinc-800 dark:aria-[current=true]:bg-indigo-950"
                  >
                    <span className="block truncate font-medium">{o.summary}</span>
                    <span className="block truncate font-mono text-xs text-zinc-500">
                      {o.method} {o.path}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
          {current && <CatalogueDetail op={current} />}
        </div>
      )}
    </>
  );
}
