import { useQuery } from '@tanstack/react-query';
import { apiModuleOptionsQueryOptions } from '@/features/api-modules/api';
import { apiOptionsQueryOptions } from '@/features/apis/api';
import { clientOptionsQueryOptions } from '@/features/clients/api';
import { datasourceOptionsQueryOptions } from '@/features/datasources/api';
import { groupOptionsQueryOptions } from '@/features/groups/api';
import { macroOptionsQueryOptions } from '@/features/macros/api';
import type { ResourceType } from '@/lib/permissions';

export interface ResourceName {
  id: string;
  label: string;
}

/**
 * Names of the objects an object-level grant can point at (APIs as "GET /path"), loaded only for the
 * resource types asked for. `options(type)` is undefined when the type has no list or it failed to load.
 */
export function useResourceNames(types: ResourceType[]) {
  const wants = (t: ResourceType) => types.includes(t);
  const queries: Partial<Record<ResourceType, { data?: ResourceName[] }>> = {
    datasource: useQuery({ ...datasourceOptionsQueryOptions(), enabled: wants('datasource'), select: (items) => items.map((d) => ({ id: d.id, label: d.name })) }),
    api_module: useQuery({ ...apiModuleOptionsQueryOptions(), enabled: wants('api_module'), select: (items) => items.map((m) => ({ id: m.id, label: m.name })) }),
    api: useQuery({ ...apiOptionsQueryOptions(), enabled: wants('api'), select: (items) => items.map((a) => ({ id: a.id, label: `${a.method} /${a.path.replace(/^\//, '')}` })) }),
    macro: useQuery({ ...macroOptionsQueryOptions(), enabled: wants('macro'), select: (items) => items.map((m) => ({ id: m.id, label: m.name })) }),
    group: useQuery({ ...groupOptionsQueryOptions(), enabled: wants('group'), select: (items) => items.map((g) => ({ id: g.id, label: g.name })) }),
    client: useQuery({ ...clientOptionsQueryOptions(), enabled: wants('client'), select: (items) => items.map((c) => ({ id: c.id, label: `${c.name} (${c.clientId})` })) }),
  };
  return {
    options: (type: ResourceType) => queries[type]?.data,
    label: (type: ResourceType, id: string) => queries[type]?.data?.find((n) => n.id === id)?.label ?? id,
  };
}
