import { useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import { apiModuleOptionsQueryOptions } from '@/features/api-modules/api';
import { httpMethods, type ApisSearch } from '@/features/apis/schemas';

const selectClass = `${inputClass} w-auto`;

/** Search and filters of the API list; submitted values go to the URL. */
export function ApisFilters({ search, onChange }: { search: ApisSearch; onChange: (next: Partial<ApisSearch>) => void }) {
  const modules = useQuery(apiModuleOptionsQueryOptions());
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const value = (key: string) => String(data.get(key) ?? '').trim() || undefined;
    onChange({
      q: value('q'),
      moduleId: value('moduleId'),
      status: value('status') as ApisSearch['status'],
      method: value('method') as ApisSearch['method'],
      engine: value('engine') as ApisSearch['engine'],
      accessType: value('accessType') as ApisSearch['accessType'],
      page: 1,
    });
  };
  return (
    <form role="search" onSubmit={submit} className="flex flex-wrap gap-2 border-b border-zinc-200 p-3 dark:border-zinc-800">
      <input aria-label="Search APIs" name="q" type="search" defaultValue={search.q ?? ''} placeholder="Name or path" className={`${inputClass} max-w-56`} />
      <select aria-label="Module" name="moduleId" defaultValue={search.moduleId ?? ''} className={selectClass}>
        <option value="">All modules</option>
        {(modules.data ?? []).map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </select>
      <select aria-label="Status" name="status" defaultValue={search.status ?? ''} className={selectClass}>
        <option value="">Any status</option>
        <option value="draft">Draft</option>
        <option value="published">Published</option>
      </select>
      <select aria-label="Method" name="method" defaultValue={search.method ?? ''} className={selectClass}>
        <option value="">Any method</option>
        {httpMethods.map((m) => (
          <option key={m}>{m}</option>
        ))}
      </select>
      <select aria-label="Engine" name="engine" defaultValue={search.engine ?? ''} className={selectClass}>
        <option value="">Any engine</option>
        <option value="sql">SQL</option>
        <option value="script">Script</option>
      </select>
      <select aria-label="Access" name="accessType" defaultValue={search.accessType ?? ''} className={selectClass}>
        <option value="">Any access</option>
        <option value="public">Public</option>
        <option value="private">Private</option>
      </select>
      <Button type="submit" variant="secondary">
        Filter
      </Button>
    </form>
  );
}
