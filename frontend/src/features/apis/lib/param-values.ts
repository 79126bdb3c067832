import type { ParamDefinition } from '@/features/apis/schemas';

/** Text shown in an input for a stored default/example value. */
export function valueToText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Reads an input's text as a value of the parameter's type; empty text means "no value". */
export function textToValue(text: string, param: Pick<ParamDefinition, 'type'>): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  switch (param.type) {
    case 'integer':
    case 'number':
      return Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
    case 'boolean':
      return trimmed === 'true' ? true : trimmed === 'false' ? false : trimmed;
    case 'array':
    case 'object':
      try {
        return JSON.parse(trimmed);
      } catch {
        return param.type === 'array' ? trimmed.split(',').map((s) => s.trim()) : trimmed;
      }
    default:
      return text;
  }
}

export function optionalNumber(text: string): number | undefined {
  return text.trim() === '' || !Number.isFinite(Number(text)) ? undefined : Number(text);
}
