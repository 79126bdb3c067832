import { z } from 'zod';

export const usersSearchSchema = z.object({
  page: z.number().int().min(1).optional().catch(undefined),
  pageSize: z.number().int().min(1).max(100).optional().catch(undefined),
  q: z.string().optional().catch(undefined),
});

export type UsersSearch = z.infer<typeof usersSearchSchema>;

const base = {
  email: z.string().trim().min(1, 'Email is required').email('Enter a valid email address'),
  name: z.string().trim().min(1, 'Name is required').max(200, 'At most 200 characters'),
  isActive: z.boolean(),
  isSuperuser: z.boolean(),
  roleIds: z.array(z.string()),
};

export const passwordRule = z.string().min(12, 'At least 12 characters').max(1024, 'At most 1024 characters');

export const userCreateSchema = z.object({ ...base, password: passwordRule });

/** On edit the password is optional: empty keeps the current one. */
export const userEditSchema = z.object({ ...base, password: z.union([z.literal(''), passwordRule]) });

export type UserFormValues = z.infer<typeof userEditSchema>;
