import { Readable } from 'node:stream';
import type { ColumnInfo, RowStream } from 'src/datasources/external-db/connector.js';
import type { ResponseFormat } from 'src/gateway/gateway-context.js';
import { camelizeKeys } from 'src/gateway/gateway-response.js';

const CSV_SPECIAL = /[",\r\n]/;

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return CSV_SPECIAL.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csvLine = (cells: unknown[]) => cells.map(csvCell).join(',') + '\r\n';

export const contentTypeOf = (format: ResponseFormat) => (format === 'csv' ? 'text/csv; charset=utf-8' : format === 'ndjson' ? 'application/x-ndjson' : 'application/json; charset=utf-8');

/** Serialises rows already in memory (non-streamable APIs asked for CSV/NDJSON). */
export function formatRows(rows: unknown[], format: 'csv' | 'ndjson', camel: boolean): string {
  const list = (camel ? camelizeKeys(rows) : rows) as Record<string, unknown>[];
  if (format === 'ndjson') return list.map((r) => JSON.stringify(r) + '\n').join('');
  const first = list.find((r) => r && typeof r === 'object');
  if (!first) return '';
  const cols = Object.keys(first);
  return csvLine(cols) + list.map((r) => csvLine(cols.map((c) => (r as Record<string, unknown>)?.[c]))).join('');
}

/**
 * Rows straight from the cursor to the socket: one chunk per batch, pulled only when the socket drains
 * (Readable.from back-pressure); destroying the stream returns the iterator, which cancels the query.
 */
export function streamRows(source: RowStream, format: 'csv' | 'ndjson', camel: boolean, onRow: () => void): Readable {
  const cols: ColumnInfo[] = source.columns;
  const names = cols.map((c) => c.name);
  const outNames = camel ? (camelizeKeys(Object.fromEntries(names.map((n) => [n, 0]))) as Record<string, unknown>) : null;
  async function* generate(): AsyncGenerator<string> {
    if (format === 'csv') yield csvLine(outNames ? Object.keys(outNames) : names);
    for await (const batch of source.batches) {
      let chunk = '';
      for (const row of batch) {
        onRow();
        if (format === 'csv') chunk += csvLine(names.map((n) => row[n]));
        else chunk += JSON.stringify(camel ? camelizeKeys(row) : row) + '\n';
      }
      if (chunk) yield chunk;
    }
  }
  return Readable.from(generate(), { objectMode: false, highWaterMark: 64 * 1024 });
}
