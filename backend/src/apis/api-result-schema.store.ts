import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { ApiSnapshot } from 'src/apis/api-snapshot.js';

export interface ResultColumn {
  name: string;
  /** JSON Schema type seen in the first row ('string', 'integer', 'number', 'boolean', 'object', 'array', 'null'). */
  type: string;
}

const LIMIT = 5000;

/** JSON with object keys sorted at every level (jsonb storage reorders keys). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The identity of a behaviour: the same snapshot (draft tested, then committed) gives the same key. */
export const snapshotKey = (apiId: string, snapshot: ApiSnapshot): string => `${apiId}:${createHash('sha256').update(canonical(snapshot)).digest('base64url')}`;

function jsonType(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value === 'object' ? 'object' : typeof value === 'bigint' ? 'integer' : typeof value;
}

/**
 * The row columns of the last successful test-console run per API behaviour (API id + snapshot hash), for
 * the row schema of the published-API OpenAPI document. Kept in memory per instance (documented in
 * docs/publishing.md): lost on restart and not shared between instances; a test run refills it.
 */
@Injectable()
export class ApiResultSchemaStore {
  private readonly columns = new Map<string, ResultColumn[]>();

  record(apiId: string, snapshot: ApiSnapshot, rows: unknown[]): void {
    const first = rows.find((r) => r && typeof r === 'object' && !Array.isArray(r)) as Record<string, unknown> | undefined;
    if (!first) return;
    const key = snapshotKey(apiId, snapshot);
    this.columns.delete(key);
    this.columns.set(key, Object.entries(first).map(([name, value]) => ({ name, type: jsonType(value) })));
    if (this.columns.size > LIMIT) this.columns.delete(this.columns.keys().next().value as string);
  }

  get(apiId: string, snapshot: ApiSnapshot): ResultColumn[] | null {
    return this.columns.get(snapshotKey(apiId, snapshot)) ?? null;
  }
}
