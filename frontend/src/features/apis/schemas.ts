import { z } from 'zod';

export const paramLocations = ['query', 'body', 'path', 'header'] as const;
export const paramTypes = ['string', 'integer', 'number', 'boolean', 'date', 'datetime', 'uuid', 'array', 'object'] as const;
export const scalarParamTypes = ['string', 'integer', 'number', 'boolean', 'date', 'datetime', 'uuid'] as const;
export const httpMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

export type ParamLocation = (typeof paramLocations)[number];
export type ParamType = (typeof paramTypes)[number];
export type HttpMethod = (typeof httpMethods)[number];

/** DESIGN §8: one declared parameter of an API. */
export const paramDefinitionSchema = z.object({
  name: z.string().trim().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'Letters, digits and _; not starting with a digit'),
  location: z.enum(paramLocations),
  type: z.enum(paramTypes),
  items: z.enum(scalarParamTypes).optional(),
  required: z.boolean(),
  default: z.unknown().optional(),
  enum: z.array(z.union([z.string(), z.number()])).optional(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  minLength: z.number().int().min(0).optional(),
  maxLength: z.number().int().min(0).optional(),
  pattern: z.string().optional(),
  description: z.string().optional(),
  example: z.unknown().optional(),
  sensitive: z.boolean().optional(),
});

export type ParamDefinition = z.infer<typeof paramDefinitionSchema>;

export const validatorSchema = z.object({
  param: z.string().nullable(),
  code: z.string().min(1, 'Write the validate(value, params) function'),
  message: z.string().optional(),
});

export type ValidatorDefinition = z.infer<typeof validatorSchema>;

/** Checks a parameter list for the mistakes the server would refuse, one message per row index. */
export function paramListErrors(params: ParamDefinition[]): Record<number, string> {
  const errors: Record<number, string> = {};
  const seen = new Map<string, number>();
  params.forEach((p, i) => {
    const parsed = paramDefinitionSchema.safeParse(p);
    if (!parsed.success) errors[i] = parsed.error.issues[0]?.message ?? 'Invalid parameter';
    else if (seen.has(p.name)) errors[i] = `Duplicate name "${p.name}"`;
    else if (p.minimum !== undefined && p.maximum !== undefined && p.minimum > p.maximum) errors[i] = 'Minimum is above maximum';
    else if (p.pattern) {
      try {
        new RegExp(p.pattern);
      } catch {
        errors[i] = 'Pattern is not a valid regular expression';
      }
    }
    seen.set(p.name, i);
  });
  return errors;
}

export const apisSearchSchema = z.object({
  page: z.number().int().min(1).optional().catch(undefined),
  q: z.string().optional().catch(undefined),
  moduleId: z.string().optional().catch(undefined),
  status: z.enum(['draft', 'published']).optional().catch(undefined),
  method: z.enum(httpMethods).optional().catch(undefined),
  engine: z.enum(['sql', 'script']).optional().catch(undefined),
  accessType: z.enum(['public', 'private']).optional().catch(undefined),
});

export type ApisSearch = z.infer<typeof apisSearchSchema>;
