import { z } from 'zod';

const text = z.string().trim().optional().catch(undefined);

/** Access-log filters live in the URL so a filtered view can be shared and reloaded. */
export const accessLogsSearchSchema = z.object({
  page: z.number().int().min(1).optional().catch(undefined),
  apiId: text,
  moduleId: text,
  groupId: text,
  clientId: text,
  status: z.string().regex(/^(success|fail|\d{3})$/).optional().catch(undefined),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).optional().catch(undefined),
  path: text,
  ip: text,
  from: text,
  to: text,
});

export type AccessLogsSearch = z.infer<typeof accessLogsSearchSchema>;
