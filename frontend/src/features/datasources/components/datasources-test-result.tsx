import type { ConnectionTestResult } from '@/features/datasources/types';

/** The outcome of a connection test: latency and server version, or why it failed. */
export function DatasourcesTestResult({ result }: { result: ConnectionTestResult }) {
  return (
    <div
      role="status"
      className={`rounded-md border px-3 py-2 text-sm ${result.ok ? 'border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-200' : 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200'}`}
    >
      <p className="font-medium">{result.ok ? 'Connection successful' : 'Connection failed'}</p>
      <p className="mt-0.5">
        {result.ok ? `${result.serverVersion ?? 'Unknown server version'} · ${Math.round(result.latencyMs)} ms` : result.message}
      </p>
    </div>
  );
}
