import { z } from 'zod';

export const macrosSearchSchema = z.object({
  page: z.number().int().min(1).optional().catch(undefined),
  q: z.string().optional().catch(undefined),
});

export const macroCreateSchema = z.object({
  name: z.string().trim().regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'Letters, digits, _ . -; starting with a letter or _').max(100),
  kind: z.enum(['sql', 'script']),
  moduleId: z.string(),
  description: z.string().max(2000),
});
