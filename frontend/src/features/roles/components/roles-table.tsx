import type { RoleResponseDto } from '@/api/client';
import { tableClass, tdClass, thClass } from '@/components/data-table/table-styles';
import { Button } from '@/components/ui/button';

export interface RolesTableProps {
  roles: RoleResponseDto[];
  canUpdate: boolean;
  canDelete: boolean;
  onEdit: (role: RoleResponseDto) => void;
  onDelete: (role: RoleResponseDto) => void;
}

export function RolesTable({ roles, canUpdate, canDelete, onEdit, onDelete }: RolesTableProps) {
  return (
    <div className="overflow-x-auto">
      <table className={tableClass}>
        <thead className="bg-zinc-50 dark:bg-zinc-900/60">
          <tr>
            <th scope="col" className={thClass}>
              Role
            </th>
            <th scope="col" className={thClass}>
              Permissions
            </th>
            <th scope="col" className={`${thClass} text-right`}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {roles.map((role) => (
            <tr key={role.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
              <td className={tdClass}>
                <p className="font-medium">{role.name}</p>
                {role.description && <p className="text-zinc-500">{role.description}</p>}
                {role.isSystem && <p className="text-xs text-zinc-400">Built-in role</p>}
              </td>
              <td className={`${tdClass} text-zinc-500`}>{role.permissionIds.length}</td>
              <td className={`${tdClass} text-right whitespace-nowrap`}>
                {canUpdate && (
                  <Button variant="ghost" size="sm" onClick={() => onEdit(role)} aria-label={`Edit role ${role.name}`}>
                    Edit
                  </Button>
                )}
                {canDelete && !role.isSystem && (
                  <Button variant="ghost" size="sm" className="text-red-600 dark:text-red-400" onClick={() => onDelete(role)} aria-label={`Delete role ${role.name}`}>
                    Delete
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
