import { useQuery } from '@tanstack/react-query';
import { toApiError } from '@/api/http';
import { CheckboxList } from '@/components/ui/checkbox-list';
import { Skeleton } from '@/components/ui/feedback';
import { apiOptionsQueryOptions } from '@/features/apis/api';

/** Pick APIs by "METHOD /path" (groups, clients). */
export function ApisPicker({ legend = 'APIs', selected, onChange }: { legend?: string; selected: string[]; onChange: (ids: string[]) => void }) {
  const apis = useQuery(apiOptionsQueryOptions());
  if (apis.isPending) return <Skeleton className="h-24 w-full" />;
  if (apis.isError) return <p className="text-sm text-red-600 dark:text-red-400">APIs could not be loaded: {toApiError(apis.error).message}</p>;
  return (
    <CheckboxList
      legend={legend}
      items={apis.data.map((a) => ({ id: a.id, label: `${a.method} /${a.path.replace(/^\//, '')}`, description: a.name }))}
      selected={selected}
      onChange={onChange}
      emptyText="No APIs yet."
    />
  );
}
