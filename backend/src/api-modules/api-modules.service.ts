import { Injectable } from '@nestjs/common';
import type { ApiModuleEntity } from 'src/api-modules/api-module.entity.js';
import { apiModuleError } from 'src/api-modules/api-modules.errors.js';
import { ApiModulesRepository } from 'src/api-modules/api-modules.repository.js';
import type { CreateApiModuleDto } from 'src/api-modules/dto/create-api-module.dto.js';
import type { ListApiModulesQueryDto } from 'src/api-modules/dto/list-api-modules-query.dto.js';
import { toApiModuleResponse, type ApiModuleResponseDto } from 'src/api-modules/dto/api-module-response.dto.js';
import type { UpdateApiModuleDto } from 'src/api-modules/dto/update-api-module.dto.js';
import { AuditService } from 'src/audit/audit.service.js';
import type { AuthUser } from 'src/auth/auth-user.js';
import { authError } from 'src/auth/auth.errors.js';
import { NotificationBus } from 'src/common/notifications/notification-bus.js';
import { toPage, type Page } from 'src/common/pagination/page.dto.js';
import type { Action } from 'src/roles/permission.entity.js';

@Injectable()
export class ApiModulesService {
  constructor(
    private readonly repo: ApiModulesRepository,
    private readonly audit: AuditService,
    private readonly bus: NotificationBus,
  ) {}

  async list(query: ListApiModulesQueryDto): Promise<Page<ApiModuleResponseDto>> {
    const [items, total] = await this.repo.list(query);
    const counts = await this.repo.counts(items.map((m) => m.id));
    return toPage(items.map((m) => toApiModuleResponse(m, counts.get(m.id))), total, query);
  }

  async get(id: string): Promise<ApiModuleResponseDto> {
    return this.respond(await this.find(id));
  }

  /** The module or API_MODULE_NOT_FOUND (used by APIs and macros to check a moduleId). */
  async find(id: string): Promise<ApiModuleEntity> {
    const module = await this.repo.findById(id);
    if (!module) throw apiModuleError('API_MODULE_NOT_FOUND', `No API module with id ${id}`);
    return module;
  }

  async create(dto: CreateApiModuleDto, actor: AuthUser): Promise<ApiModuleResponseDto> {
    await this.checkName(dto.name);
    const saved = await this.repo.transaction(async (m) => {
      const s = await this.repo.save({ name: dto.name, description: dto.description ?? '', sortOrder: dto.sortOrder ?? 0, isActive: dto.isActive ?? true }, m);
      await this.audit.record({ actor, action: 'api_module.create', resourceType: 'api_module', resourceId: s.id, summary: { name: s.name, sortOrder: s.sortOrder, isActive: s.isActive } }, m);
      return s;
    });
    return this.respond(saved);
  }

  async update(id: string, dto: UpdateApiModuleDto, actor: AuthUser): Promise<ApiModuleResponseDto> {
    this.authorize(actor, 'update', id);
    const module = await this.find(id);
    if (dto.name !== undefined) await this.checkName(dto.name, id);
    const before = toApiModuleResponse(module);
    const saved = await this.repo.transaction(async (m) => {
      const s = await this.repo.save({ ...module, ...dto }, m);
      await this.audit.record({ actor, action: 'api_module.update', resourceType: 'api_module', resourceId: id, summary: AuditService.changes({ ...before }, { ...toApiModuleResponse(s) }) }, m);
      return s;
    });
    // Active flag and sort order change what the gateway serves.
    await this.bus.publish({ topic: 'api-module.changed', id });
    return this.respond(saved);
  }

  async remove(id: string, actor: AuthUser): Promise<void> {
    this.authorize(actor, 'delete', id);
    const module = await this.find(id);
    await this.repo.transaction(async (m) => {
      const published = await this.repo.publishedApiNames(id, m);
      if (published.length) {
        throw apiModuleError('API_MODULE_IN_USE', `Module "${module.name}" holds published APIs (${published.join(', ')}); unpublish them first`);
      }
      await this.repo.delete(id, m);
      await this.audit.record({ actor, action: 'api_module.delete', resourceType: 'api_module', resourceId: id, summary: { name: module.name } }, m);
    });
    await this.bus.publish({ topic: 'api-module.changed', id });
  }

  private authorize(actor: AuthUser, action: Action, id: string): void {
    if (!actor.can('api_module', action, id)) throw authError('AUTH_FORBIDDEN', `Missing permission api_module:${action} on module ${id}`);
  }

  private async checkName(name: string, exceptId?: string): Promise<void> {
    if (await this.repo.nameTaken(name, exceptId)) {
      throw apiModuleError('API_MODULE_NAME_TAKEN', `A module named "${name}" exists`, [{ field: 'name', message: 'already taken' }]);
    }
  }

  private async respond(module: ApiModuleEntity): Promise<ApiModuleResponseDto> {
    return toApiModuleResponse(module, (await this.repo.counts([module.id])).get(module.id));
  }
}
