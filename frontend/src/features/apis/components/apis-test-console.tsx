import { toApiError } from '@/api/http';
import { Card } from '@/components/ui/feedback';
import { ApisTestForm } from '@/features/apis/components/apis-test-form';
import { ApisTestResult } from '@/features/apis/components/apis-test-result';
import type { ParamDefinition } from '@/features/apis/schemas';
import type { TestRunResult } from '@/features/apis/types';

export interface ApisTestConsoleProps {
  params: ParamDefinition[];
  running: boolean;
  result: TestRunResult | undefined;
  /** A failure of the call itself (not of the API run, which comes back inside the result). */
  error: unknown;
  onRun: (values: Record<string, unknown>) => void;
  onShowLine?: (line: number) => void;
}

/** Runs the draft with typed parameters and shows the rendered statements, rows, JSON and timings. */
export function ApisTestConsole({ params, running, result, error, onRun, onShowLine }: ApisTestConsoleProps) {
  return (
    <Card title="Test console" description="Runs the current draft against its data source. Nothing is published.">
      <div className="space-y-6">
        <ApisTestForm params={params} running={running} onRun={onRun} />
        {error ? (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400">
            {toApiError(error).message}
          </p>
        ) : null}
        {result && <ApisTestResult key={JSON.stringify(result.timings)} result={result} onShowLine={onShowLine} />}
      </div>
    </Card>
  );
}
