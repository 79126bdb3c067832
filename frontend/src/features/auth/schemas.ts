import { z } from 'zod';

export const loginSchema = z.object({
  email: z.string().trim().min(1, 'Email is required').email('Enter a valid email address'),
  password: z.string().min(1, 'Password is required'),
});

export type LoginValues = z.infer<typeof loginSchema>;

/** Where to go after login: only same-origin paths, never the login page itself. */
export const loginSearchSchema = z.object({
  redirect: z
    .string()
    .refine((v) => v.startsWith('/') && !v.startsWith('//') && !v.startsWith('/login'))
    .optional()
    .catch(undefined),
});

export type LoginSearch = z.infer<typeof loginSearchSchema>;
