import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import type { ApiErrorDetail } from '@/api/http';

export type FieldErrors = Record<string, string | undefined>;

/**
 * Form state checked by a zod schema on submit: errors keyed by the first path segment. Server-side
 * field details (`ApiError.details`) can be merged in with setServerErrors.
 */
export function useZodForm<S extends z.ZodType<unknown, Record<string, unknown>>>(schema: S, initial: z.input<S>, onValid: (values: z.output<S>) => void) {
  const [values, setValues] = useState<z.input<S>>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = <K extends keyof z.input<S>>(key: K, value: z.input<S>[K]) => setValues((v) => ({ ...(v as object), [key]: value }) as z.input<S>);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      const next: FieldErrors = {};
      for (const issue of parsed.error.issues) next[String(issue.path[0])] ??= issue.message;
      setErrors(next);
      return;
    }
    setErrors({});
    onValid(parsed.data);
  };
  const setServerErrors = (details: ApiErrorDetail[]) => setErrors(Object.fromEntries(details.map((d) => [d.field.split('.')[0], d.message])));
  return { values, set, setValues, errors, submit, setServerErrors };
}
