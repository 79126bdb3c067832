import { useState, type FormEvent } from 'react';
import { toApiError } from '@/api/http';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { useLogin } from '@/features/auth/api';
import { loginSchema, type LoginValues } from '@/features/auth/schemas';

type FieldErrors = Partial<Record<keyof LoginValues, string>>;

export function LoginForm({ onSuccess }: { onSuccess: () => void }) {
  const login = useLogin();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = loginSchema.safeParse({ email: form.get('email'), password: form.get('password') });
    setServerError(null);
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) errors[issue.path[0] as keyof LoginValues] ??= issue.message;
      setFieldErrors(errors);
      return;
    }
    setFieldErrors({});
    login.mutate(parsed.data, {
      onSuccess,
      onError: (error) => {
        const apiError = toApiError(error);
        const wait = apiError.retryAfterSeconds ? ` Try again in ${apiError.retryAfterSeconds} s.` : '';
        setServerError(`${apiError.message}${wait}`);
      },
    });
  };

  return (
    <form noValidate onSubmit={onSubmit} className="space-y-4" aria-label="Sign in">
      {serverError && (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
          {serverError}
        </div>
      )}
      <TextField label="Email" name="email" type="email" autoComplete="username" autoFocus error={fieldErrors.email} />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" error={fieldErrors.password} />
      <Button type="submit" className="w-full" loading={login.isPending}>
        Sign in
      </Button>
    </form>
  );
}
