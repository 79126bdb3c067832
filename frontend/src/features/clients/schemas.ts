import { z } from 'zod';

export const clientsSearchSchema = z.object({
  page: z.number().int().min(1).optional().catch(undefined),
  q: z.string().optional().catch(undefined),
});

const optionalPositive = (max?: number) =>
  z.union([z.literal(''), max ? z.coerce.number().int('A whole number').min(1, 'At least 1').max(max, `At most ${max}`) : z.coerce.number().int('A whole number').min(1, 'At least 1')]);

export const clientFormSchema = z.object({
  name: z.string().trim().min(1, 'Name is required').max(100, 'At most 100 characters'),
  description: z.string().max(2000),
  isActive: z.boolean(),
  rateLimitPerMinute: optionalPositive(),
  maxConcurrent: optionalPositive(),
  tokenTtlSeconds: z.union([z.literal(''), z.coerce.number().int().min(60, 'At least 60 seconds').max(86_400 * 30, 'At most 30 days')]),
  allowedIps: z.string(),
  groupIds: z.array(z.string()),
  apiIds: z.array(z.string()),
});

export type ClientFormOutput = z.output<typeof clientFormSchema>;

/** Form output → request body: empty limits mean "none" (null), one address or CIDR range per line. */
export function toClientBody(values: ClientFormOutput) {
  const nullable = (v: number | '') => (v === '' ? null : v);
  return {
    name: values.name,
    description: values.description,
    isActive: values.isActive,
    rateLimitPerMinute: nullable(values.rateLimitPerMinute),
    maxConcurrent: nullable(values.maxConcurrent),
    tokenTtlSeconds: nullable(values.tokenTtlSeconds),
    allowedIps: values.allowedIps.split(/[\s,]+/).filter(Boolean),
    groupIds: values.groupIds,
    apiIds: values.apiIds,
  };
}
