import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import type { UserResponseDto } from '@/api/client';
import { toApiError } from '@/api/http';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { TableSkeleton } from '@/components/ui/feedback';
import { rolesListQueryOptions } from '@/features/roles/api';
import { useCreateUser, useSetUserRoles, useUpdateUser } from '@/features/users/api';
import { UsersForm } from '@/features/users/components/users-form';
import type { UserFormValues } from '@/features/users/schemas';
import { toast } from '@/lib/toast';

export interface UsersFormDialogProps {
  /** The user to edit; null creates a new one. */
  user: UserResponseDto | null;
  open: boolean;
  onClose: () => void;
}

const emptyUser: UserFormValues = { email: '', name: '', password: '', isActive: true, isSuperuser: false, roleIds: [] };

export function UsersFormDialog({ user, open, onClose }: UsersFormDialogProps) {
  const formId = useId();
  const roles = useQuery({ ...rolesListQueryOptions(), enabled: open });
  const createUser = useCreateUser();
  const updateUser = useUpdateUser();
  const setRoles = useSetUserRoles();
  const pending = createUser.isPending || updateUser.isPending || setRoles.isPending;

  const fail = (error: unknown) => toast.error(toApiError(error).message);

  const onSubmit = async (values: UserFormValues) => {
    try {
      if (!user) {
        await createUser.mutateAsync(values);
        toast.success(`User ${values.email} created`);
      } else {
        const { roleIds, password, ...rest } = values;
        await updateUser.mutateAsync({ id: user.id, body: password ? { ...rest, password } : rest });
        await setRoles.mutateAsync({ id: user.id, roleIds });
        toast.success(`User ${values.email} updated`);
      }
      onClose();
    } catch (error) {
      fail(error);
    }
  };

  const initial: UserFormValues = user
    ? { email: user.email, name: user.name, password: '', isActive: user.isActive, isSuperuser: user.isSuperuser, roleIds: user.roleIds }
    : emptyUser;

  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="lg"
      title={user ? `Edit ${user.email}` : 'New user'}
      description={user ? 'Change the account details and roles.' : 'Create an account that can sign in to the dashboard.'}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form={formId} loading={pending} disabled={!roles.isSuccess}>
            {user ? 'Save changes' : 'Create user'}
          </Button>
        </>
      }
    >
      {roles.isError ? (
        <p role="alert" className="text-sm text-red-600">
          {toApiError(roles.error).message}
        </p>
      ) : roles.isSuccess ? (
        <UsersForm id={formId} mode={user ? 'edit' : 'create'} initial={initial} roles={roles.data.items} onSubmit={onSubmit} />
      ) : (
        <TableSkeleton rows={4} label="Loading user" />
      )}
    </Dialog>
  );
}
