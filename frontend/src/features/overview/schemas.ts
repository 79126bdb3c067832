import { z } from 'zod';

export const overviewRanges = [1, 7, 14, 30, 90] as const;

export const overviewSearchSchema = z.object({
  days: z.number().int().min(1).max(365).optional().catch(undefined),
  refresh: z.boolean().optional().catch(undefined),
});
