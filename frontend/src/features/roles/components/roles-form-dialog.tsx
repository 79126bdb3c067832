import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { RoleResponseDto } from '@/api/client';
import { toApiError } from '@/api/http';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { TableSkeleton } from '@/components/ui/feedback';
import { TextField } from '@/components/ui/field';
import { permissionsQueryOptions } from '@/features/permissions/api';
import { useCreateRole, useUpdateRole } from '@/features/roles/api';
import { RolesObjectGrants } from '@/features/roles/components/roles-object-grants';
import { RolesPermissionMatrix } from '@/features/roles/components/roles-permission-matrix';
import { roleFormSchema, type RoleFormValues } from '@/features/roles/schemas';
import { toast } from '@/lib/toast';

export interface RolesFormDialogProps {
  role: RoleResponseDto | null;
  open: boolean;
  onClose: () => void;
}

export function RolesFormDialog({ role, open, onClose }: RolesFormDialogProps) {
  const permissions = useQuery({ ...permissionsQueryOptions(), enabled: open });
  const createRole = useCreateRole();
  const updateRole = useUpdateRole();
  const [values, setValues] = useState<RoleFormValues>({ name: role?.name ?? '', description: role?.description ?? '', permissionIds: role?.permissionIds ?? [] });
  const [errors, setErrors] = useState<Partial<Record<keyof RoleFormValues, string>>>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = roleFormSchema.safeParse(values);
    if (!parsed.success) {
      const next: typeof errors = {};
      for (const issue of parsed.error.issues) next[issue.path[0] as keyof RoleFormValues] ??= issue.message;
      return setErrors(next);
    }
    setErrors({});
    const options = {
      onSuccess: () => {
        toast.success(`Role ${parsed.data.name} ${role ? 'updated' : 'created'}`);
        onClose();
      },
      onError: (e: unknown) => toast.error(toApiError(e).message),
    };
    if (role) updateRole.mutate({ id: role.id, body: parsed.data }, options);
    else createRole.mutate(parsed.data, options);
  };

  const setPermissionIds = (permissionIds: string[]) => setValues((v) => ({ ...v, permissionIds }));

  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="lg"
      title={role ? `Edit role ${role.name}` : 'New role'}
      description="A role is a named set of permissions given to users."
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="role-form" loading={createRole.isPending || updateRole.isPending}>
            {role ? 'Save changes' : 'Create role'}
          </Button>
        </>
      }
    >
      <form id="role-form" noValidate onSubmit={submit} className="space-y-5">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Name" value={values.name} onChange={(e) => setValues({ ...values, name: e.target.value })} error={errors.name} />
          <TextField label="Description" value={values.description} onChange={(e) => setValues({ ...values, description: e.target.value })} error={errors.description} />
        </div>
        <fieldset>
          <legend className="mb-2 text-sm font-medium">Permissions</legend>
          {permissions.isPending ? (
            <TableSkeleton rows={6} label="Loading permissions" />
          ) : permissions.isError ? (
            <p role="alert" className="text-sm text-red-600">
              {toApiError(permissions.error).message}
            </p>
          ) : (
            <RolesPermissionMatrix permissions={permissions.data} value={values.permissionIds} onChange={setPermissionIds} />
          )}
        </fieldset>
        {permissions.isSuccess && (
          <fieldset>
            <legend className="mb-2 text-sm font-medium">Object-level grants</legend>
            <RolesObjectGrants permissions={permissions.data} value={values.permissionIds} onChange={setPermissionIds} />
          </fieldset>
        )}
      </form>
    </Dialog>
  );
}
