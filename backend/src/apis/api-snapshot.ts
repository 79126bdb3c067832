/**
 * What a published API version freezes: everything that changes its behaviour (DESIGN §5). Stored as
 * `api_version.snapshot`; the gateway serves only the published version's snapshot. The route identity
 * (path, method) lives on the `api` row and cannot change while the API is published.
 */
export type ParamLocation = 'query' | 'body' | 'path' | 'header';
export type ParamType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime' | 'uuid' | 'array' | 'object';

export interface ApiParamDefinition {
  name: string;
  location: ParamLocation;
  type: ParamType;
  /** Element type when type is 'array'. */
  items?: Exclude<ParamType, 'array' | 'object'>;
  required: boolean;
  default?: unknown;
  enum?: (string | number)[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  description?: string;
  example?: unknown;
  /** Masked in access logs. */
  sensitive?: boolean;
}

/** JS `validate(value, params)` run in the script sandbox; `param` null validates the whole parameter object. */
export interface ApiValidatorDefinition {
  param: string | null;
  code: string;
  /** Message used when the function returns false. */
  message?: string;
}

export interface ApiSnapshot {
  engine: 'sql' | 'script';
  datasourceId: string | null;
  content: string;
  params: ApiParamDefinition[];
  validators: ApiValidatorDefinition[];
  /** JS `transform(result, params)` or null. */
  transform: string | null;
  accessType: 'public' | 'private';
  readOnly: boolean;
  rateLimitPerMinute: number | null;
  timeoutMs: number | null;
  maxRows: number | null;
  cacheTtlSeconds: number | null;
  corsOrigins: string[];
}
