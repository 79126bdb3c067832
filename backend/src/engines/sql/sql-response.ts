import type { StatementResult } from 'src/datasources/external-db/connector.js';

/**
 * pyDBAPI's raw SQL-engine output, the input of result transforms: one entry per statement, rows for
 * statements that returned rows, the affected-row count otherwise. `{"data": toEngineOutput(results)}`.
 */
export function toEngineOutput(results: StatementResult[]): unknown[] {
  return results.map((r) => (r.kind === 'rows' ? r.rows : Math.max(0, r.affectedRows)));
}

/**
 * The gateway's `data` for an SQL API without a transform (pyDBAPI §2.8): a single statement that
 * returned rows → its rows; a single count → `[count]`; several statements → one entry per statement
 * (`[[rows…], [{"total": 42}], 3]`). `truncated` is true when the row cap cut any statement's rows.
 */
export function toGatewayData(results: StatementResult[]): { data: unknown[]; truncated: boolean } {
  const truncated = results.some((r) => r.kind === 'rows' && r.truncated);
  const output = toEngineOutput(results);
  if (results.length === 1 && results[0].kind === 'rows') return { data: results[0].rows, truncated };
  return { data: output, truncated };
}
