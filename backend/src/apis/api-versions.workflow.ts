import { Injectable } from '@nestjs/common';
import { ApiChecksService } from 'src/apis/api-checks.service.js';
import { parseApiPath } from 'src/apis/api-path.js';
import type { ApiSnapshot } from 'src/apis/api-snapshot.js';
import type { ApiVersionEntity } from 'src/apis/api-version.entity.js';
import { apiError } from 'src/apis/apis.errors.js';
import { ApisRepository } from 'src/apis/apis.repository.js';
import { ApisService, SNAPSHOT_FIELDS, snapshotOf } from 'src/apis/apis.service.js';
import type { ApiResponseDto } from 'src/apis/dto/api-response.dto.js';
import { toVersionResponse, toVersionSummary, type ApiVersionResponseDto, type ApiVersionSummaryDto, type VersionDiffDto } from 'src/apis/dto/api-version.dto.js';
import { diffFields } from 'src/apis/version-diff.js';
import { AuditService } from 'src/audit/audit.service.js';
import type { AuthUser } from 'src/auth/auth-user.js';
import { NotificationBus } from 'src/common/notifications/notification-bus.js';
import { MacrosService } from 'src/macros/macros.service.js';

/**
 * Drafts and versions: a version freezes the draft's behaviour (ApiSnapshot) and never changes; publishing
 * points the API at one version in a single UPDATE (rollback = publish an older one); restore copies a
 * version back into the draft.
 */
@Injectable()
export class ApiVersionsWorkflow {
  constructor(
    private readonly repo: ApisRepository,
    private readonly apis: ApisService,
    private readonly checks: ApiChecksService,
    private readonly macros: MacrosService,
    private readonly audit: AuditService,
    private readonly bus: NotificationBus,
  ) {}

  async list(id: string, actor: AuthUser): Promise<ApiVersionSummaryDto[]> {
    const api = await this.apis.findFor(id, actor, 'read');
    return (await this.repo.listVersions(id)).map((v) => toVersionSummary(v, api.publishedVersionId));
  }

  async get(id: string, versionId: string, actor: AuthUser): Promise<ApiVersionResponseDto> {
    const api = await this.apis.findFor(id, actor, 'read');
    return toVersionResponse(await this.findVersion(id, versionId), api.publishedVersionId);
  }

  async create(id: string, message: string | undefined, actor: AuthUser): Promise<ApiVersionResponseDto> {
    await this.apis.findFor(id, actor, 'update');
    const version = await this.repo.transaction(async (m) => {
      // Row lock: two commits at once get consecutive numbers (UNIQUE (api_id, version) backs it).
      const api = await this.repo.findById(id, m, true);
      if (!api) throw apiError('API_NOT_FOUND', `No API with id ${id}`);
      if (!api.content.trim()) throw apiError('API_NO_CONTENT', 'The API has no content to version; add content first');
      const v = await this.repo.saveVersion(
        { apiId: id, version: await this.repo.nextVersion(id, m), snapshot: snapshotOf(api), message: message ?? '', authorId: actor.id, authorEmail: actor.email },
        m,
      );
      await this.audit.record({ actor, action: 'api.version.create', resourceType: 'api', resourceId: id, summary: { version: v.version, versionId: v.id, message: v.message } }, m);
      return v;
    });
    return toVersionResponse(version, null);
  }

  async restore(id: string, versionId: string, actor: AuthUser): Promise<ApiResponseDto> {
    const api = await this.apis.findFor(id, actor, 'update');
    const version = await this.findVersion(id, versionId);
    const next = { ...api, ...version.snapshot };
    const parsed = parseApiPath(api.path);
    const warnings = await this.checks.checkDraft(next, parsed.ok ? parsed.value.params : [], undefined);
    const saved = await this.repo.transaction(async (m) => {
      const s = await this.repo.save(next, m);
      await this.audit.record({ actor, action: 'api.version.restore', resourceType: 'api', resourceId: id, summary: { version: version.version, versionId } }, m);
      return s;
    });
    return this.apis.respond(saved, warnings);
  }

  async remove(id: string, versionId: string, actor: AuthUser): Promise<void> {
    const api = await this.apis.findFor(id, actor, 'delete');
    const version = await this.findVersion(id, versionId);
    if (api.publishedVersionId === versionId) throw apiError('API_VERSION_PUBLISHED', `Version ${version.version} is published; unpublish or publish another version first`);
    await this.repo.transaction(async (m) => {
      await this.repo.deleteVersion(versionId, m);
      await this.audit.record({ actor, action: 'api.version.delete', resourceType: 'api', resourceId: id, summary: { version: version.version, versionId } }, m);
    });
  }

  /** Field-by-field difference; `from`/`to` are version ids or 'draft'. */
  async diff(id: string, from: string, to: string, actor: AuthUser): Promise<VersionDiffDto> {
    const api = await this.apis.findFor(id, actor, 'read');
    const side = async (ref: string) => {
      if (ref.toLowerCase() === 'draft') return { ref: { id: null, version: null, label: 'draft' }, snapshot: snapshotOf(api) };
      const v = await this.findVersion(id, ref);
      return { ref: { id: v.id, version: v.version, label: `v${v.version}` }, snapshot: v.snapshot };
    };
    const [a, b] = [await side(from), await side(to)];
    return { from: a.ref, to: b.ref, changes: diffFields<ApiSnapshot>(a.snapshot, b.snapshot, SNAPSHOT_FIELDS, ['content', 'transform'], a.ref.label, b.ref.label) };
  }

  async publish(id: string, versionId: string, actor: AuthUser): Promise<ApiResponseDto> {
    const api = await this.apis.findFor(id, actor, 'update');
    const version = await this.findVersion(id, versionId);
    await this.checkPublishable(api.moduleId, version.snapshot);
    await this.repo.transaction(async (m) => {
      await this.repo.setPublished(id, versionId, m);
      await this.audit.record({ actor, action: 'api.publish', resourceType: 'api', resourceId: id, summary: { version: version.version, versionId, previousVersionId: api.publishedVersionId } }, m);
    });
    await this.bus.publish({ topic: 'api.changed', id });
    return this.apis.respond((await this.repo.findById(id))!);
  }

  async unpublish(id: string, actor: AuthUser): Promise<ApiResponseDto> {
    const api = await this.apis.findFor(id, actor, 'update');
    if (api.publishedVersionId) {
      await this.repo.transaction(async (m) => {
        await this.repo.setPublished(id, null, m);
        await this.audit.record({ actor, action: 'api.unpublish', resourceType: 'api', resourceId: id, summary: { previousVersionId: api.publishedVersionId } }, m);
      });
      await this.bus.publish({ topic: 'api.changed', id });
    }
    return this.apis.respond((await this.repo.findById(id))!);
  }

  /** Refuses a version that references unpublished or missing macros, or a missing or inactive data source. */
  private async checkPublishable(moduleId: string, snapshot: ApiSnapshot): Promise<void> {
    const { unpublished, missing } = await this.macros.referenceProblems(moduleId, snapshot);
    if (unpublished.length) throw apiError('API_MACRO_UNPUBLISHED', `Macro(s) must be published before use: ${unpublished.map((n) => `"${n}"`).join(', ')}`);
    if (missing.length) throw apiError('API_MACRO_MISSING', `No macro named ${missing.map((n) => `"${n}"`).join(', ')} in this module or globally`);
    if (snapshot.datasourceId) {
      const ds = await this.repo.datasource(snapshot.datasourceId);
      if (!ds) throw apiError('API_DATASOURCE_INACTIVE', `The version's data source ${snapshot.datasourceId} no longer exists`);
      if (!ds.isActive) throw apiError('API_DATASOURCE_INACTIVE', `Data source "${ds.name}" is inactive`);
    }
  }

  private async findVersion(id: string, versionId: string): Promise<ApiVersionEntity> {
    const version = await this.repo.findVersion(id, versionId);
    if (!version) throw apiError('API_VERSION_NOT_FOUND', `API ${id} has no version ${versionId}`);
    return version;
  }
}
