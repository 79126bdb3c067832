import type { ApiParamDefinitionDto, UpdateApiDto } from '@/api/client';
import type { ParamDefinition, ValidatorDefinition } from '@/features/apis/schemas';
import type { ApiDefinition } from '@/features/apis/types';

/** The editable part of an API: what "Save draft" sends. */
export interface ApiDraft {
  moduleId: string;
  name: string;
  description: string;
  path: string;
  method: ApiDefinition['method'];
  engine: ApiDefinition['engine'];
  datasourceId: string | null;
  accessType: ApiDefinition['accessType'];
  readOnly: boolean;
  content: string;
  params: ParamDefinition[];
  validators: ValidatorDefinition[];
  transform: string | null;
  rateLimitPerMinute: number | null;
  timeoutMs: number | null;
  maxRows: number | null;
  cacheTtlSeconds: number | null;
  corsOrigins: string[];
  groupIds: string[];
}

export function toDraft(api: ApiDefinition): ApiDraft {
  return {
    moduleId: api.moduleId,
    name: api.name,
    description: api.description,
    path: api.path,
    method: api.method,
    engine: api.engine,
    datasourceId: api.datasourceId,
    accessType: api.accessType,
    readOnly: api.readOnly,
    content: api.content,
    params: api.params.map((p) => ({ ...p, required: p.required ?? false })),
    validators: api.validators,
    transform: api.transform,
    rateLimitPerMinute: api.rateLimitPerMinute,
    timeoutMs: api.timeoutMs,
    maxRows: api.maxRows,
    cacheTtlSeconds: api.cacheTtlSeconds,
    corsOrigins: api.corsOrigins,
    groupIds: api.groupIds,
  };
}

export function toUpdateBody(draft: ApiDraft): UpdateApiDto {
  return { ...draft, params: draft.params as ApiParamDefinitionDto[] };
}

export function sameDraft(a: ApiDraft, b: ApiDraft): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `{name}` segments of a gateway path. */
export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/{([A-Za-z_]\w*)}/g)].map((m) => m[1]);
}
