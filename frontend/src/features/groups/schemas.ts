import { z } from 'zod';

export const groupsSearchSchema = z.object({
  page: z.number().int().min(1).optional().catch(undefined),
  q: z.string().optional().catch(undefined),
});

export const groupFormSchema = z.object({
  name: z.string().trim().min(1, 'Name is required').max(100, 'At most 100 characters'),
  description: z.string().max(2000),
  isActive: z.boolean(),
  apiIds: z.array(z.string()),
});
