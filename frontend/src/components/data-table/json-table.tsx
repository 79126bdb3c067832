import { tableClass, tdClass, thClass } from '@/components/data-table/table-styles';

function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Rows of arbitrary JSON objects as a table whose columns are the union of their keys. */
export function JsonTable({ rows, label }: { rows: unknown[]; label: string }) {
  const records = rows.map((r) => (typeof r === 'object' && r !== null && !Array.isArray(r) ? (r as Record<string, unknown>) : { value: r }));
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
  if (records.length === 0) return <p className="py-4 text-sm text-zinc-500">No rows.</p>;
  return (
    <div className="max-h-96 overflow-auto rounded-md border border-zinc-200 dark:border-zinc-800">
      <table className={tableClass} aria-label={label}>
        <thead className="sticky top-0 bg-zinc-50 dark:bg-zinc-900">
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col" className={`${thClass} normal-case`}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 font-mono text-xs dark:divide-zinc-800">
          {records.map((r, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td key={c} className={`${tdClass} py-1.5 whitespace-nowrap ${r[c] === null || r[c] === undefined ? 'text-zinc-400' : ''}`}>
                  {cellText(r[c])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
