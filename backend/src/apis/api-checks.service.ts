import { Injectable } from '@nestjs/common';
import { checkParamDefinitions, checkValidators, scriptSyntaxError } from 'src/apis/api-definition.js';
import { parseApiPath, shadowedBuiltIn, type ParsedPath } from 'src/apis/api-path.js';
import type { ApiEntity } from 'src/apis/api.entity.js';
import { apiError } from 'src/apis/apis.errors.js';
import { ApisRepository } from 'src/apis/apis.repository.js';
import type { ApiWarningDto } from 'src/apis/dto/api-response.dto.js';
import type { ErrorDetail } from 'src/common/errors/app-exception.js';
import { commonError } from 'src/common/errors/error-code.js';
import { SqlEngine, type SqlDialect } from 'src/engines/sql/sql.engine.js';
import { MacrosService } from 'src/macros/macros.service.js';

export type ApiDraft = Pick<
  ApiEntity,
  'moduleId' | 'path' | 'method' | 'engine' | 'datasourceId' | 'content' | 'params' | 'validators' | 'transform'
>;

/** Save-time checks of an API draft: route rules, definitions, template/JS errors (refused) and warnings. */
@Injectable()
export class ApiChecksService {
  constructor(
    private readonly sql: SqlEngine,
    private readonly repo: ApisRepository,
    private readonly macros: MacrosService,
  ) {}

  /** Normalises the path and refuses reserved routes and routes another API can match (409, naming it). */
  async checkRoute(rawPath: string, method: string, exceptId?: string): Promise<ParsedPath> {
    const parsed = parseApiPath(rawPath);
    if (!parsed.ok) throw commonError('VALIDATION_FAILED', `path: ${parsed.message}`, [{ field: 'path', message: parsed.message }]);
    const reserved = shadowedBuiltIn(parsed.value.shape, method);
    if (reserved) {
      throw apiError('API_ROUTE_RESERVED', `${method} ${parsed.value.path} would shadow the built-in route /api/${reserved}`, [{ field: 'path', message: `reserved: /api/${reserved}` }]);
    }
    const owner = await this.repo.routeOwner(method, parsed.value.shape, exceptId);
    if (owner) {
      throw apiError('API_ROUTE_CONFLICT', `${method} ${parsed.value.path} can match the same URLs as API "${owner.name}" (${owner.method} ${owner.path}); (path, method) must be unique across all modules`, [
        { field: 'path', message: `conflicts with API ${owner.id}`, apiId: owner.id },
      ]);
    }
    return parsed.value;
  }

  /** Refuses a draft with field errors (400, one detail each); returns the non-blocking warnings. */
  async checkDraft(draft: ApiDraft, pathParams: string[], groupIds: string[] | undefined): Promise<ApiWarningDto[]> {
    const errors: ErrorDetail[] = [];
    let dialect: SqlDialect = 'postgres';
    if (draft.engine === 'sql' && !draft.datasourceId) errors.push({ field: 'datasourceId', message: 'the SQL engine needs a data source' });
    if (draft.datasourceId) {
      const ds = await this.repo.datasource(draft.datasourceId);
      if (!ds) errors.push({ field: 'datasourceId', message: `no data source with id ${draft.datasourceId}` });
      else dialect = ds.type;
    }
    errors.push(...checkParamDefinitions(draft.params, pathParams), ...checkValidators(draft.validators, draft.params));
    if (draft.transform) {
      const problem = scriptSyntaxError('transform', draft.transform);
      if (problem) errors.push({ field: 'transform', ...problem });
    }
    if (groupIds?.length) {
      const found = await this.repo.existingGroupIds(groupIds);
      const missing = groupIds.filter((g) => !found.includes(g));
      if (missing.length) errors.push({ field: 'groupIds', message: `unknown groups: ${missing.join(', ')}` });
    }
    const warnings: ApiWarningDto[] = [];
    if (draft.engine === 'script') {
      const problem = scriptSyntaxError('script', draft.content);
      if (problem) errors.push({ field: 'content', ...problem });
    } else {
      const macros = (await this.macros.publishedSources(draft.moduleId)).sql;
      for (const issue of this.sql.lint(draft.content, dialect, { macros })) {
        if (issue.source === '') errors.push({ field: 'content', message: issue.message, line: issue.line, column: issue.column });
        else warnings.push({ field: 'macros', message: `published macro: ${issue.message}`, line: issue.line, column: issue.column });
      }
      warnings.push(...this.undeclared(draft, macros));
    }
    if (errors.length) throw commonError('VALIDATION_FAILED', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
    return warnings;
  }

  /** Warnings of a stored draft (shown on read): template variables that are not declared parameters. */
  async warnings(draft: ApiDraft): Promise<ApiWarningDto[]> {
    if (draft.engine !== 'sql') return [];
    return this.undeclared(draft, (await this.macros.publishedSources(draft.moduleId)).sql);
  }

  private undeclared(draft: ApiDraft, macros: string[]): ApiWarningDto[] {
    const declared = new Set(draft.params.map((p) => p.name));
    return this.sql
      .discover(draft.content, { macros })
      .filter((name) => !declared.has(name))
      .map((name) => ({ field: 'content', message: `template variable "${name}" is not a declared parameter (it will be undefined)` }));
  }
}
