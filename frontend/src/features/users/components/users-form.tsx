import { useState, type FormEvent } from 'react';
import type { RoleResponseDto } from '@/api/client';
import { CheckboxField, TextField } from '@/components/ui/field';
import { userCreateSchema, userEditSchema, type UserFormValues } from '@/features/users/schemas';

type Errors = Partial<Record<keyof UserFormValues, string>>;

export interface UsersFormProps {
  id: string;
  mode: 'create' | 'edit';
  initial: UserFormValues;
  roles: RoleResponseDto[];
  onSubmit: (values: UserFormValues) => void;
}

/** The user fields and role selection; the surrounding dialog owns the submit button (form={id}). */
export function UsersForm({ id, mode, initial, roles, onSubmit }: UsersFormProps) {
  const [values, setValues] = useState<UserFormValues>(initial);
  const [errors, setErrors] = useState<Errors>({});
  const set = <K extends keyof UserFormValues>(key: K, value: UserFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = (mode === 'create' ? userCreateSchema : userEditSchema).safeParse(values);
    if (!parsed.success) {
      const next: Errors = {};
      for (const issue of parsed.error.issues) next[issue.path[0] as keyof UserFormValues] ??= issue.message;
      setErrors(next);
      return;
    }
    setErrors({});
    onSubmit(parsed.data);
  };

  const toggleRole = (roleId: string, checked: boolean) =>
    set('roleIds', checked ? [...values.roleIds, roleId] : values.roleIds.filter((r) => r !== roleId));

  return (
    <form id={id} noValidate onSubmit={submit} className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" value={values.name} onChange={(e) => set('name', e.target.value)} error={errors.name} autoComplete="off" autoFocus />
        <TextField label="Email" type="email" value={values.email} onChange={(e) => set('email', e.target.value)} error={errors.email} autoComplete="off" />
      </div>
      <TextField
        label={mode === 'create' ? 'Password' : 'New password'}
        type="password"
        value={values.password}
        onChange={(e) => set('password', e.target.value)}
        error={errors.password}
        autoComplete="new-password"
        hint={mode === 'edit' ? 'Leave empty to keep the current password.' : 'At least 12 characters.'}
      />
      <div className="flex flex-wrap gap-6">
        <CheckboxField label="Active" description="Inactive users cannot sign in." checked={values.isActive} onChange={(e) => set('isActive', e.target.checked)} />
        <CheckboxField label="Superuser" description="Bypasses every permission check." checked={values.isSuperuser} onChange={(e) => set('isSuperuser', e.target.checked)} />
      </div>
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-zinc-700 dark:text-zinc-300">Roles</legend>
        {roles.length === 0 ? (
          <p className="text-sm text-zinc-500">No roles defined yet.</p>
        ) : (
          <div className="grid gap-2 sm:grid-cols-2">
            {roles.map((role) => (
              <CheckboxField
                key={role.id}
                label={role.name}
                description={role.description || undefined}
                checked={values.roleIds.includes(role.id)}
                onChange={(e) => toggleRole(role.id, e.target.checked)}
              />
            ))}
          </div>
        )}
      </fieldset>
    </form>
  );
}
