import { useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import type { AccessLogsSearch } from '@/features/access-logs/schemas';
import { apiModuleOptionsQueryOptions } from '@/features/api-modules/api';
import { apiOptionsQueryOptions } from '@/features/apis/api';
import { clientOptionsQueryOptions } from '@/features/clients/api';
import { groupOptionsQueryOptions } from '@/features/groups/api';

const field = `${inputClass} w-auto`;

export function AccessLogsFilters({ search, onChange }: { search: AccessLogsSearch; onChange: (next: AccessLogsSearch) => void }) {
  const apis = useQuery(apiOptionsQueryOptions());
  const modules = useQuery(apiModuleOptionsQueryOptions());
  const groups = useQuery(groupOptionsQueryOptions());
  const clients = useQuery(clientOptionsQueryOptions());
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const v = (k: string) => String(data.get(k) ?? '').trim() || undefined;
    onChange({
      page: 1,
      apiId: v('apiId'),
      moduleId: v('moduleId'),
      groupId: v('groupId'),
      clientId: v('clientId'),
      status: v('status'),
      method: v('method') as AccessLogsSearch['method'],
      path: v('path'),
      ip: v('ip'),
      from: v('from'),
      to: v('to'),
    });
  };
  return (
    <form role="search" aria-label="Access log filters" onSubmit={submit} className="flex flex-wrap items-end gap-2 border-b border-zinc-200 p-3 dark:border-zinc-800">
      <select aria-label="API" name="apiId" defaultValue={search.apiId ?? ''} className={field}>
        <option value="">All APIs</option>
        {(apis.data ?? []).map((a) => (
          <option key={a.id} value={a.id}>
            {a.method} /{a.path}
          </option>
        ))}
      </select>
      <select aria-label="Module" name="moduleId" defaultValue={search.moduleId ?? ''} className={field}>
        <option value="">All modules</option>
        {(modules.data ?? []).map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </select>
      <select aria-label="Group" name="groupId" defaultValue={search.groupId ?? ''} className={field}>
        <option value="">All groups</option>
        {(groups.data ?? []).map((g) => (
          <option key={g.id} value={g.id}>
            {g.name}
          </option>
        ))}
      </select>
      <select aria-label="Client" name="clientId" defaultValue={search.clientId ?? ''} className={field}>
        <option value="">All clients</option>
        {(clients.data ?? []).map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      <select aria-label="Status" name="status" defaultValue={search.status ?? ''} className={field}>
        <option value="">Any status</option>
        <option value="success">Success (&lt; 400)</option>
        <option value="fail">Failed (≥ 400)</option>
        {['200', '400', '401', '403', '404', '429', '500', '503', '504'].map((s) => (
          <option key={s}>{s}</option>
        ))}
      </select>
      <select aria-label="Method" name="method" defaultValue={search.method ?? ''} className={field}>
        <option value="">Any method</option>
        {['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((m) => (
          <option key={m}>{m}</option>
        ))}
      </select>
      <input aria-label="Path contains" name="path" defaultValue={search.path ?? ''} placeholder="Path contains" className={`${inputClass} w-40`} />
      <input aria-label="IP address" name="ip" defaultValue={search.ip ?? ''} placeholder="IP" className={`${inputClass} w-32`} />
      <label className="text-xs text-zinc-500">
        From
        <input aria-label="From" type="datetime-local" name="from" defaultValue={search.from ?? ''} className={field} />
      </label>
      <label className="text-xs text-zinc-500">
        To
        <input aria-label="To" type="datetime-local" name="to" defaultValue={search.to ?? ''} className={field} />
      </label>
      <Button type="submit" variant="secondary">
        Apply
      </Button>
    </form>
  );
}
