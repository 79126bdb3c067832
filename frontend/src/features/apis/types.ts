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

/** Management API shapes of `/admin/v1/apis` (DESIGN §8, backend apis/api-snapshot.ts). */
export interface ApiDefinition {
  id: string;
  moduleId: string;
  name: string;
  path: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  engine: 'sql' | 'script';
  datasourceId: string | null;
  accessType: 'public' | 'private';
  readOnly: boolean;
  content: string;
  params: import('@/features/apis/schemas').ParamDefinition[];
  validators: import('@/features/apis/schemas').ValidatorDefinition[];
  transform: string | null;
  rateLimitPerMinute: number | null;
  timeoutMs: number | null;
  maxRows: number | null;
  cacheTtlSeconds: number | null;
  corsOrigins: string[];
  groupIds: string[];
  description: string;
  status: 'draft' | 'published';
  publishedVersionId: string | null;
  createdAt: string;
  updatedAt: string;
}

export type ApiInput = Omit<ApiDefinition, 'id' | 'status' | 'publishedVersionId' | 'createdAt' | 'updatedAt'>;

export interface ApiVersion {
  id: string;
  version: number;
  message: string;
  createdAt: string;
  createdBy?: string | null;
  snapshot?: Partial<ApiInput>;
}
