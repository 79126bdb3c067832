import type { UserResponseDto } from '@/api/client';
import { tableClass, tdClass, thClass } from '@/components/data-table/table-styles';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/feedback';

export interface UsersTableProps {
  users: UserResponseDto[];
  currentUserId: string;
  canUpdate: boolean;
  canDelete: boolean;
  onEdit: (user: UserResponseDto) => void;
  onToggleActive: (user: UserResponseDto) => void;
  onDelete: (user: UserResponseDto) => void;
}

export function UsersTable({ users, currentUserId, canUpdate, canDelete, onEdit, onToggleActive, onDelete }: UsersTableProps) {
  return (
    <div className="overflow-x-auto">
      <table className={tableClass}>
        <thead className="bg-zinc-50 dark:bg-zinc-900/60">
          <tr>
            <th scope="col" className={thClass}>
              User
            </th>
            <th scope="col" className={thClass}>
              Status
            </th>
            <th scope="col" className={thClass}>
              Access
            </th>
            <th scope="col" className={`${thClass} text-right`}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {users.map((user) => {
            const self = user.id === currentUserId;
            return (
              <tr key={user.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
                <td className={tdClass}>
                  <p className="font-medium">
                    {user.name}
                    {self && <span className="ml-2 text-xs text-zinc-400">(you)</span>}
                  </p>
                  <p className="text-zinc-500">{user.email}</p>
                </td>
                <td className={tdClass}>{user.isActive ? <Badge tone="green">Active</Badge> : <Badge>Inactive</Badge>}</td>
                <td className={tdClass}>{user.isSuperuser ? <Badge tone="indigo">Superuser</Badge> : <span className="text-zinc-500">By roles</span>}</td>
                <td className={`${tdClass} text-right whitespace-nowrap`}>
                  {canUpdate && (
                    <>
                      <Button variant="ghost" size="sm" onClick={() => onEdit(user)} aria-label={`Edit ${user.email}`}>
                        Edit
                      </Button>
                      {!self && (
                        <Button variant="ghost" size="sm" onClick={() => onToggleActive(user)} aria-label={`${user.isActive ? 'Deactivate' : 'Activate'} ${user.email}`}>
                          {user.isActive ? 'Deactivate' : 'Activate'}
                        </Button>
                      )}
                    </>
                  )}
                  {canDelete && !self && (
                    <Button variant="ghost" size="sm" className="text-red-600 dark:text-red-400" onClick={() => onDelete(user)} aria-label={`Delete ${user.email}`}>
                      Delete
                    </Button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
