import { Injectable } from '@nestjs/common';
import { checkParamDefinitions, checkValidators } from 'src/apis/api-definition.js';
import { ApiResultSchemaStore } from 'src/apis/api-result-schema.store.js';
import type { ApiParamDefinition, ApiSnapshot } from 'src/apis/api-snapshot.js';
import { apiError } from 'src/apis/apis.errors.js';
import { ApisRepository } from 'src/apis/apis.repository.js';
import { ApisService, snapshotOf } from 'src/apis/apis.service.js';
import type { ApiTestResultDto, InlineTestApiDto, TestApiDto } from 'src/apis/dto/api-test.dto.js';
import { bindParams } from 'src/apis/params/param-binder.js';
import { AuditService } from 'src/audit/audit.service.js';
import type { AuthUser } from 'src/auth/auth-user.js';
import { commonError } from 'src/common/errors/error-code.js';
import { requestContext } from 'src/common/logging/request-context.js';
import { ApiRunner, type ApiRunResult } from 'src/engines/api-runner.js';
import { errorEnvelope } from 'src/gateway/gateway-response.js';
import { MacrosService } from 'src/macros/macros.service.js';

const ZERO_TIMINGS = { renderMs: 0, queueMs: 0, executeMs: 0, transformMs: 0, totalMs: 0 };

/** Test-console values are one flat object: every location reads the same names (headers lower-cased). */
function consoleSource(values: Record<string, unknown>) {
  const path = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && typeof v !== 'object').map(([k, v]) => [k, String(v)]));
  const headers = Object.fromEntries(Object.entries(values).map(([k, v]) => [k.toLowerCase(), typeof v === 'string' ? v : JSON.stringify(v)]));
  return { query: values, body: values, path, headers };
}

/**
 * The test console: binds the values like the gateway, then runs the draft, a version or an inline definition
 * through the gateway's ApiRunner with the rendered statements collected. No access log, no limits; audited.
 * Failures (bad parameters included) come back inside the answer, never as an HTTP error.
 */
@Injectable()
export class ApiTestWorkflow {
  constructor(
    private readonly repo: ApisRepository,
    private readonly apis: ApisService,
    private readonly macros: MacrosService,
    private readonly runner: ApiRunner,
    private readonly schemas: ApiResultSchemaStore,
    private readonly audit: AuditService,
  ) {}

  async testSaved(id: string, dto: TestApiDto, actor: AuthUser): Promise<ApiTestResultDto> {
    const api = await this.apis.findFor(id, actor, 'execute');
    let snapshot = snapshotOf(api);
    if (dto.versionId) {
      const version = await this.repo.findVersion(id, dto.versionId);
      if (!version) throw apiError('API_VERSION_NOT_FOUND', `API ${id} has no version ${dto.versionId}`);
      snapshot = version.snapshot;
    }
    const result = await this.run(id, dto.versionId ?? `draft:${id}`, api.moduleId, snapshot, dto.params ?? {});
    await this.audit.record({ actor, action: 'api.test', resourceType: 'api', resourceId: id, summary: this.summary(result, dto.versionId ?? 'draft', dto.params) });
    return result;
  }

  async testInline(dto: InlineTestApiDto, actor: AuthUser): Promise<ApiTestResultDto> {
    const params = (dto.params ?? []).map((p) => ({ ...p, required: p.required ?? false })) as ApiParamDefinition[];
    const validators = (dto.validators ?? []).map((v) => ({ ...v, param: v.param ?? null }));
    const errors = [...checkParamDefinitions(params, params.filter((p) => p.location === 'path').map((p) => p.name)), ...checkValidators(validators, params)];
    if (dto.engine === 'sql' && !dto.datasourceId) errors.push({ field: 'datasourceId', message: 'the SQL engine needs a data source (datasourceId)' });
    if (errors.length) throw commonError('VALIDATION_FAILED', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
    const snapshot: ApiSnapshot = {
      engine: dto.engine,
      datasourceId: dto.datasourceId ?? null,
      content: dto.content,
      params,
      validators,
      transform: dto.transform ?? null,
      accessType: 'private',
      readOnly: dto.readOnly ?? true,
      rateLimitPerMinute: null,
      timeoutMs: dto.timeoutMs ?? null,
      maxRows: dto.maxRows ?? null,
      cacheTtlSeconds: null,
      corsOrigins: [],
    };
    const result = await this.run('inline', `inline:${actor.id}`, dto.moduleId ?? null, snapshot, dto.values ?? {});
    await this.audit.record({ actor, action: 'api.test', resourceType: 'api', resourceId: null, summary: { ...this.summary(result, 'inline', dto.values), engine: dto.engine, datasourceId: dto.datasourceId ?? null } });
    return result;
  }

  private async run(apiId: string, versionKey: string, moduleId: string | null, snapshot: ApiSnapshot, values: Record<string, unknown>): Promise<ApiTestResultDto> {
    const bound = bindParams(snapshot.params, consoleSource(values));
    if (bound.errors.length) {
      const message = `Invalid parameters: ${bound.errors.map((e) => `${e.param} ${e.message}`).join('; ')}`;
      return { success: false, statements: [], result: errorEnvelope('VALIDATION_FAILED', message, bound.errors), rowCount: 0, timings: ZERO_TIMINGS, error: { code: 'VALIDATION_FAILED', message, params: bound.errors } };
    }
    const outcome = await this.runner.run({
      apiId,
      versionKey,
      moduleId,
      snapshot,
      macros: await this.macros.publishedSources(moduleId),
      params: bound.values,
      requestId: requestContext.getStore()?.requestId ?? 'test-console',
      collectStatements: true,
      exposeDetail: true,
    });
    if (outcome.envelope.success && apiId !== 'inline') this.schemas.record(apiId, snapshot, outcome.envelope.data);
    return this.answer(outcome);
  }

  private answer(outcome: ApiRunResult): ApiTestResultDto {
    const paramErrors = outcome.error?.code === 'PARAMS_INVALID' ? ((outcome.envelope.errors as { param: string; message: string }[] | undefined) ?? []) : undefined;
    const error = outcome.error ? (paramErrors ? { ...outcome.error, code: 'VALIDATION_FAILED', params: paramErrors } : outcome.error) : undefined;
    return {
      success: outcome.envelope.success,
      statements: (outcome.statements ?? []).map((s) => ({ sql: s.sql, values: s.values })),
      result: paramErrors ? { ...outcome.envelope, code: 'VALIDATION_FAILED' } : outcome.envelope,
      rowCount: outcome.rowCount,
      timings: outcome.timings,
      ...(error ? { error } : {}),
    };
  }

  /** What the audit keeps: the outcome and the parameter names, never their values. */
  private summary(result: ApiTestResultDto, version: string, values: Record<string, unknown> | undefined) {
    return { version, success: result.success, rowCount: result.rowCount, errorCode: result.error?.code ?? null, paramNames: Object.keys(values ?? {}) };
  }
}
