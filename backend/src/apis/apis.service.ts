import { Injectable } from '@nestjs/common';
import { ApiChecksService, type ApiDraft } from 'src/apis/api-checks.service.js';
import { apiScope, assertCanOnApi } from 'src/apis/api-access.js';
import type { ApiParamDefinition, ApiSnapshot, ApiValidatorDefinition } from 'src/apis/api-snapshot.js';
import type { ApiEntity } from 'src/apis/api.entity.js';
import { apiError } from 'src/apis/apis.errors.js';
import { ApisRepository } from 'src/apis/apis.repository.js';
import type { CreateApiDto } from 'src/apis/dto/create-api.dto.js';
import type { ListApisQueryDto } from 'src/apis/dto/list-apis-query.dto.js';
import { toApiResponse, type ApiResponseDto, type ApiWarningDto } from 'src/apis/dto/api-response.dto.js';
import type { UpdateApiDto } from 'src/apis/dto/update-api.dto.js';
import { ApiModulesService } from 'src/api-modules/api-modules.service.js';
import { AuditService } from 'src/audit/audit.service.js';
import type { AuthUser } from 'src/auth/auth-user.js';
import { NotificationBus } from 'src/common/notifications/notification-bus.js';
import { toPage, type Page } from 'src/common/pagination/page.dto.js';
import type { Action } from 'src/roles/permission.entity.js';

const SNAPSHOT_FIELDS = ['engine', 'datasourceId', 'content', 'params', 'validators', 'transform', 'accessType', 'readOnly', 'rateLimitPerMinute', 'timeoutMs', 'maxRows', 'cacheTtlSeconds', 'corsOrigins'] as const;

/** What a version freezes, taken from the draft. */
export function snapshotOf(api: ApiEntity): ApiSnapshot {
  return Object.fromEntries(SNAPSHOT_FIELDS.map((f) => [f, api[f] ?? null])) as unknown as ApiSnapshot;
}
export { SNAPSHOT_FIELDS };

const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const normalizeParams = (params: (Omit<ApiParamDefinition, 'required'> & { required?: boolean })[]): ApiParamDefinition[] =>
  params.map((p) => plain({ ...p, required: p.location === 'path' ? true : (p.required ?? false) }));
const normalizeValidators = (validators: ApiValidatorDefinition[]) => validators.map((v) => plain({ ...v, param: v.param ?? null }));
const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

@Injectable()
export class ApisService {
  constructor(
    private readonly repo: ApisRepository,
    private readonly checks: ApiChecksService,
    private readonly modules: ApiModulesService,
    private readonly audit: AuditService,
    private readonly bus: NotificationBus,
  ) {}

  async list(query: ListApisQueryDto, actor: AuthUser): Promise<Page<ApiResponseDto>> {
    const [items, total] = await this.repo.list(query, apiScope(actor, 'read'));
    return toPage(await this.respondMany(items), total, query);
  }

  async get(id: string, actor: AuthUser): Promise<ApiResponseDto> {
    const api = await this.findFor(id, actor, 'read');
    return this.respond(api, await this.checks.warnings(api));
  }

  /** The API after checking the user may do `action` on it (404, then 403). */
  async findFor(id: string, actor: AuthUser, action: Action): Promise<ApiEntity> {
    const api = await this.repo.findById(id);
    if (!api) throw apiError('API_NOT_FOUND', `No API with id ${id}`);
    assertCanOnApi(actor, action, api);
    return api;
  }

  async create(dto: CreateApiDto, actor: AuthUser): Promise<ApiResponseDto> {
    assertCanOnApi(actor, 'create', { moduleId: dto.moduleId });
    await this.modules.find(dto.moduleId);
    const route = await this.checks.checkRoute(dto.path, dto.method);
    const draft: ApiDraft & Partial<ApiEntity> = {
      moduleId: dto.moduleId,
      name: dto.name,
      description: dto.description ?? '',
      path: route.path,
      pathShape: route.shape,
      method: dto.method,
      engine: dto.engine,
      datasourceId: dto.datasourceId ?? null,
      accessType: dto.accessType ?? 'private',
      readOnly: dto.readOnly ?? true,
      content: dto.content ?? '',
      params: normalizeParams(dto.params ?? []),
      validators: normalizeValidators(dto.validators ?? []),
      transform: dto.transform ?? null,
      rateLimitPerMinute: dto.rateLimitPerMinute ?? null,
      timeoutMs: dto.timeoutMs ?? null,
      maxRows: dto.maxRows ?? null,
      cacheTtlSeconds: dto.cacheTtlSeconds ?? null,
      corsOrigins: dto.corsOrigins ?? [],
      createdBy: actor.id,
    };
    const warnings = await this.checks.checkDraft(draft, route.params, dto.groupIds);
    const saved = await this.saveGuarded(async () =>
      this.repo.transaction(async (m) => {
        const s = await this.repo.save(draft, m);
        if (dto.groupIds) await this.repo.setGroups(s.id, [...new Set(dto.groupIds)], m);
        await this.audit.record({ actor, action: 'api.create', resourceType: 'api', resourceId: s.id, summary: { name: s.name, method: s.method, path: s.path, moduleId: s.moduleId, engine: s.engine } }, m);
        return s;
      }),
    );
    return this.respond(saved, warnings);
  }

  async update(id: string, dto: UpdateApiDto, actor: AuthUser): Promise<ApiResponseDto> {
    const api = await this.findFor(id, actor, 'update');
    if (dto.moduleId !== undefined && dto.moduleId !== api.moduleId) {
      assertCanOnApi(actor, 'create', { moduleId: dto.moduleId });
      await this.modules.find(dto.moduleId);
    }
    const route = await this.checks.checkRoute(dto.path ?? api.path, dto.method ?? api.method, id);
    if (api.publishedVersionId && (route.path !== api.path || (dto.method ?? api.method) !== api.method)) {
      throw apiError('API_PUBLISHED', `API "${api.name}" is published; unpublish it before changing its path or method`);
    }
    const { groupIds, ...fields } = dto;
    const next: ApiEntity = { ...api, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)), path: route.path, pathShape: route.shape };
    if (dto.params) next.params = normalizeParams(dto.params);
    if (dto.validators) next.validators = normalizeValidators(dto.validators);
    const warnings = await this.checks.checkDraft(next, route.params, groupIds);
    const before = toApiResponse(api, { groupIds: (await this.repo.groupIds([id])).get(id) });
    const saved = await this.saveGuarded(async () =>
      this.repo.transaction(async (m) => {
        const s = await this.repo.save(next, m);
        if (groupIds) await this.repo.setGroups(id, [...new Set(groupIds)], m);
        const after = { ...toApiResponse(s), groupIds: groupIds ? [...new Set(groupIds)].sort() : before.groupIds };
        await this.audit.record({ actor, action: 'api.update', resourceType: 'api', resourceId: id, summary: AuditService.changes({ ...before, updatedAt: null }, { ...after, updatedAt: null }) }, m);
        return s;
      }),
    );
    await this.bus.publish({ topic: 'api.changed', id });
    return this.respond(saved, warnings);
  }

  async remove(id: string, actor: AuthUser): Promise<void> {
    const api = await this.findFor(id, actor, 'delete');
    if (api.publishedVersionId) throw apiError('API_PUBLISHED', `API "${api.name}" is published; unpublish it before deleting it`);
    await this.repo.transaction(async (m) => {
      await this.repo.delete(id, m);
      await this.audit.record({ actor, action: 'api.delete', resourceType: 'api', resourceId: id, summary: { name: api.name, method: api.method, path: api.path } }, m);
    });
    await this.bus.publish({ topic: 'api.changed', id });
  }

  async respond(api: ApiEntity, warnings: ApiWarningDto[] = []): Promise<ApiResponseDto> {
    const [response] = await this.respondMany([api]);
    return { ...response, warnings };
  }

  private async respondMany(apis: ApiEntity[]): Promise<ApiResponseDto[]> {
    const groups = await this.repo.groupIds(apis.map((a) => a.id));
    const versions = await this.repo.versionNumbers(apis.map((a) => a.publishedVersionId).filter((v): v is string => !!v));
    return apis.map((a) => toApiResponse(a, { groupIds: groups.get(a.id) ?? [], publishedVersion: a.publishedVersionId ? (versions.get(a.publishedVersionId) ?? null) : null }));
  }

  /** A concurrent save can still hit the api_route_key index: answer 409 like the pre-check does. */
  private async saveGuarded<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (isUniqueViolation(err)) throw apiError('API_ROUTE_CONFLICT', 'Another API was saved on the same route and method meanwhile');
      throw err;
    }
  }
}
