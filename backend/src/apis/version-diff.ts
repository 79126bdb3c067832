import { createTwoFilesPatch } from 'diff';

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
  /** Unified diff of a text field (content, transform). */
  patch?: string;
}

/**
 * Field-by-field difference of two snapshots: only changed fields, in the order of `fields`; the text fields
 * also carry a unified diff (labels `fromLabel`/`toLabel`).
 */
export function diffFields<T extends object>(from: T, to: T, fields: readonly (keyof T & string)[], textFields: readonly string[], fromLabel: string, toLabel: string): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const a = from[field] ?? null;
    const b = to[field] ?? null;
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    const change: FieldChange = { field, from: a, to: b };
    if (textFields.includes(field)) change.patch = createTwoFilesPatch(fromLabel, toLabel, String(a ?? ''), String(b ?? ''), undefined, undefined, { context: 3 });
    changes.push(change);
  }
  return changes;
}
