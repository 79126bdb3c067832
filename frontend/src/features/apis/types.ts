/**
 * Shapes of the API test-run answer (DESIGN §8). The generated client types these once the backend's
 * OpenAPI document describes `POST /apis/{id}/test`; the console only depends on this subset.
 */
export interface TestRunStatement {
  sql: string;
  values: unknown[];
}

export interface TestRunTimings {
  renderMs?: number;
  queueMs?: number;
  executeMs?: number;
  transformMs?: number;
  totalMs?: number;
}

export interface TestRunError {
  code: string;
  message: string;
  line?: number | null;
  column?: number | null;
}

export interface TestRunResult {
  success: boolean;
  statements: TestRunStatement[];
  result: { success?: boolean; message?: string | null; data?: unknown; [key: string]: unknown } | null;
  timings: TestRunTimings;
  error?: TestRunError | null;
}
