import type { PermissionResponseDto } from '@/api/client';
import { permissionActions, resourceTypeLabels, resourceTypes, type ResourceType } from '@/lib/permissions';

export interface RolesPermissionMatrixProps {
  permissions: PermissionResponseDto[];
  value: string[];
  onChange: (permissionIds: string[]) => void;
}

const labelOf = (type: string) => resourceTypeLabels[type as ResourceType] ?? type;

/** Resource types × actions for global permissions (no resourceId); a cell without a permission row is not applicable. */
export function RolesPermissionMatrix({ permissions, value, onChange }: RolesPermissionMatrixProps) {
  const global = new Map(permissions.filter((p) => !p.resourceId).map((p) => [`${p.resourceType}:${p.action}`, p.id]));
  const extraTypes = [...new Set(permissions.map((p) => p.resourceType))].filter((t) => !(resourceTypes as readonly string[]).includes(t));
  const rows = [...resourceTypes, ...extraTypes];
  const selected = new Set(value);

  const setMany = (ids: string[], on: boolean) => {
    const next = new Set(selected);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    onChange([...next]);
  };

  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Global permissions by resource and action</caption>
      <thead>
        <tr className="border-b border-zinc-200 dark:border-zinc-800">
          <th scope="col" className="py-2 pr-2 text-left font-medium text-zinc-500">
            Resource
          </th>
          {permissionActions.map((action) => (
            <th key={action} scope="col" className="px-2 py-2 text-center font-medium text-zinc-500 capitalize">
              {action}
            </th>
          ))}
          <th scope="col" className="px-2 py-2 text-center font-medium text-zinc-500">
            All
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {rows.map((type) => {
          const rowIds = permissionActions.map((a) => global.get(`${type}:${a}`)).filter((id): id is string => !!id);
          const allOn = rowIds.length > 0 && rowIds.every((id) => selected.has(id));
          return (
            <tr key={type}>
              <th scope="row" className="py-1.5 pr-2 text-left font-normal">
                {labelOf(type)}
              </th>
              {permissionActions.map((action) => {
                const id = global.get(`${type}:${action}`);
                return (
                  <td key={action} className="px-2 py-1.5 text-center">
                    {id ? (
                      <input
                        type="checkbox"
                        className="size-4 accent-indigo-600"
                        aria-label={`${labelOf(type)}: ${action}`}
                        checked={selected.has(id)}
                        onChange={(e) => setMany([id], e.target.checked)}
                      />
                    ) : (
                      <span className="text-zinc-300 dark:text-zinc-700" title="Not applicable">
                        –
                      </span>
                    )}
                  </td>
                );
              })}
              <td className="px-2 py-1.5 text-center">
                {rowIds.length > 0 && (
                  <input
                    type="checkbox"
                    className="size-4 accent-indigo-600"
                    aria-label={`${labelOf(type)}: all actions`}
                    checked={allOn}
                    onChange={(e) => setMany(rowIds, e.target.checked)}
                  />
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
