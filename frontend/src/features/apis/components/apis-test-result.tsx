import { useState } from 'react';
import { JsonTable } from '@/components/data-table/json-table';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/feedback';
import { Tabs } from '@/components/ui/tabs';
import type { TestRunResult } from '@/features/apis/types';

type Tab = 'sql' | 'table' | 'json' | 'timings';

export interface ApisTestResultProps {
  result: TestRunResult;
  /** Moves the editor to the failing line. */
  onShowLine?: (line: number) => void;
}

const timingLabels: [keyof TestRunResult['timings'], string][] = [
  ['renderMs', 'Render'],
  ['queueMs', 'Waiting for a connection'],
  ['executeMs', 'Execute'],
  ['transformMs', 'Transform'],
  ['totalMs', 'Total'],
];

export function ApisTestResult({ result, onShowLine }: ApisTestResultProps) {
  const [tab, setTab] = useState<Tab>(result.error ? 'sql' : 'table');
  const data = result.result?.data;
  const rows = Array.isArray(data) ? data : data === undefined || data === null ? [] : [data];
  const total = result.timings.totalMs;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        {result.success ? <Badge tone="green">Success</Badge> : <Badge tone="amber">Failed</Badge>}
        <span className="text-zinc-500">
          {rows.length} row{rows.length === 1 ? '' : 's'} · {total.toFixed(1)} ms
          {result.result?.truncated === true && ' · truncated by the row cap'}
        </span>
      </div>
      {result.error && (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
          <p>
            <span className="font-mono text-xs">{result.error.code}</span> {result.error.message}
          </p>
          {result.error.params && result.error.params.length > 0 && (
            <ul aria-label="Parameter errors" className="mt-1 list-disc pl-5">
              {result.error.params.map((p) => (
                <li key={p.param}>
                  <span className="font-mono">{p.param}</span>: {p.message}
                </li>
              ))}
            </ul>
          )}
          {result.error.line ? (
            <Button size="sm" variant="secondary" className="mt-2" onClick={() => onShowLine?.(result.error!.line!)}>
              Go to line {result.error.line}
              {result.error.column ? `:${result.error.column}` : ''}
            </Button>
          ) : null}
        </div>
      )}
      <Tabs<Tab>
        label="Test result"
        value={tab}
        onChange={setTab}
        tabs={[
          { id: 'sql', label: `Statements (${result.statements.length})` },
          { id: 'table', label: 'Table' },
          { id: 'json', label: 'JSON' },
          { id: 'timings', label: 'Timings' },
        ]}
      >
        {tab === 'sql' &&
          (result.statements.length === 0 ? (
            <p className="text-sm text-zinc-500">No statement was rendered.</p>
          ) : (
            <ol className="space-y-3">
              {result.statements.map((s, i) => (
                <li key={i} className="rounded-md border border-zinc-200 dark:border-zinc-800">
                  <pre aria-label={`Statement ${i + 1}`} className="overflow-x-auto bg-zinc-50 p-3 font-mono text-xs whitespace-pre-wrap dark:bg-zinc-950">
                    {s.sql}
                  </pre>
                  <dl aria-label={`Bound values of statement ${i + 1}`} className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 p-3 font-mono text-xs">
                    {s.values.length === 0 && <dd className="col-span-2 text-zinc-500">no bound values</dd>}
                    {s.values.map((v, j) => (
                      <div key={j} className="contents">
                        <dt className="text-zinc-500">${j + 1}</dt>
                        <dd>{JSON.stringify(v)}</dd>
                      </div>
                    ))}
                  </dl>
                </li>
              ))}
            </ol>
          ))}
        {tab === 'table' && <JsonTable rows={rows} label="Result rows" />}
        {tab === 'json' && (
          <pre aria-label="Response JSON" className="max-h-96 overflow-auto rounded-md bg-zinc-50 p-3 font-mono text-xs dark:bg-zinc-950">
            {JSON.stringify(result.result, null, 2)}
          </pre>
        )}
        {tab === 'timings' && (
          <dl className="grid max-w-sm grid-cols-2 gap-y-1 text-sm">
            {timingLabels.map(([key, label]) => (
              <div key={key} className="contents">
                <dt className="text-zinc-500">{label}</dt>
                <dd className="text-right font-mono">{result.timings[key].toFixed(1)} ms</dd>
              </div>
            ))}
          </dl>
        )}
      </Tabs>
    </div>
  );
}
