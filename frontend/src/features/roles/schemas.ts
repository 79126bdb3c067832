import { z } from 'zod';
import { permissionActions, resourceTypes } from '@/lib/permissions';

export const roleFormSchema = z.object({
  name: z.string().trim().min(1, 'Name is required').max(100, 'At most 100 characters'),
  description: z.string().trim().max(500, 'At most 500 characters'),
  permissionIds: z.array(z.string()),
});

export type RoleFormValues = z.infer<typeof roleFormSchema>;

export const objectGrantSchema = z.object({
  resourceType: z.enum(resourceTypes),
  action: z.enum(permissionActions),
  resourceId: z.string().trim().uuid('Choose the object (or enter its id)'),
});

export type ObjectGrantValues = z.infer<typeof objectGrantSchema>;
