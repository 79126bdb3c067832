import { useState, type FormEvent } from 'react';
import { toApiError } from '@/api/http';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { useUpdateProfile } from '@/features/settings/api';
import { profileSchema } from '@/features/settings/schemas';
import { toast } from '@/lib/toast';

export function SettingsProfileForm({ email, name }: { email: string; name: string }) {
  const updateProfile = useUpdateProfile();
  const [value, setValue] = useState(name);
  const [error, setError] = useState<string>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = profileSchema.safeParse({ name: value });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message);
    setError(undefined);
    updateProfile.mutate(parsed.data, {
      onSuccess: () => toast.success('Profile saved'),
      onError: (e) => toast.error(toApiError(e).message),
    });
  };

  return (
    <form noValidate onSubmit={submit} className="max-w-md space-y-4">
      <TextField label="Email" value={email} readOnly disabled hint="Ask an administrator to change your email." />
      <TextField label="Name" value={value} onChange={(e) => setValue(e.target.value)} error={error} autoComplete="name" />
      <Button type="submit" loading={updateProfile.isPending}>
        Save profile
      </Button>
    </form>
  );
}
