import { useState, type FormEvent } from 'react';
import { toApiError } from '@/api/http';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { useChangePassword } from '@/features/settings/api';
import { passwordChangeSchema, type PasswordChangeValues } from '@/features/settings/schemas';
import { toast } from '@/lib/toast';

const empty: PasswordChangeValues = { currentPassword: '', newPassword: '', confirmPassword: '' };

export function SettingsPasswordForm() {
  const changePassword = useChangePassword();
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<Partial<Record<keyof PasswordChangeValues, string>>>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = passwordChangeSchema.safeParse(values);
    if (!parsed.success) {
      const next: typeof errors = {};
      for (const issue of parsed.error.issues) next[issue.path[0] as keyof PasswordChangeValues] ??= issue.message;
      return setErrors(next);
    }
    setErrors({});
    const { currentPassword, newPassword } = parsed.data;
    changePassword.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          toast.success('Password changed');
          setValues(empty);
        },
        onError: (e) => toast.error(toApiError(e).message),
      },
    );
  };

  const field = (key: keyof PasswordChangeValues, label: string, autoComplete: string) => (
    <TextField label={label} type="password" value={values[key]} onChange={(e) => setValues({ ...values, [key]: e.target.value })} error={errors[key]} autoComplete={autoComplete} />
  );

  return (
    <form noValidate onSubmit={submit} className="max-w-md space-y-4">
      {field('currentPassword', 'Current password', 'current-password')}
      {field('newPassword', 'New password', 'new-password')}
      {field('confirmPassword', 'Confirm new password', 'new-password')}
      <Button type="submit" loading={changePassword.isPending}>
        Change password
      </Button>
    </form>
  );
}
