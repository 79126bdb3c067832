import { Injectable } from '@nestjs/common';
import { AuditService } from 'src/audit/audit.service.js';
import type { AuthUser } from 'src/auth/auth-user.js';
import { NotificationBus } from 'src/common/notifications/notification-bus.js';
import { toPage, type Page } from 'src/common/pagination/page.dto.js';
import type { CreateGroupDto } from 'src/groups/dto/create-group.dto.js';
import { toGroupResponse, type GroupResponseDto } from 'src/groups/dto/group-response.dto.js';
import type { ListGroupsQueryDto } from 'src/groups/dto/list-groups-query.dto.js';
import type { UpdateGroupDto } from 'src/groups/dto/update-group.dto.js';
import type { GroupEntity } from 'src/groups/group.entity.js';
import { groupError } from 'src/groups/groups.errors.js';
import { GroupsRepository } from 'src/groups/groups.repository.js';

@Injectable()
export class GroupsService {
  constructor(
    private readonly repo: GroupsRepository,
    private readonly audit: AuditService,
    private readonly bus: NotificationBus,
  ) {}

  async list(query: ListGroupsQueryDto): Promise<Page<GroupResponseDto>> {
    const [groups, total] = await this.repo.list(query);
    const apis = await this.repo.apiIdsByGroup(groups.map((g) => g.id));
    return toPage(groups.map((g) => toGroupResponse(g, apis.get(g.id) ?? [])), total, query);
  }

  async get(id: string): Promise<GroupResponseDto> {
    const group = await this.find(id);
    return toGroupResponse(group, (await this.repo.apiIdsByGroup([id])).get(id) ?? []);
  }

  async create(dto: CreateGroupDto, actor: AuthUser): Promise<GroupResponseDto> {
    await this.refuseTakenName(dto.name);
    const apiIds = await this.checkApis(dto.apiIds ?? []);
    const group = await this.repo.transaction(async (m) => {
      const saved = await this.repo.save({ name: dto.name, description: dto.description ?? '', isActive: dto.isActive ?? true }, m);
      await this.repo.setApis(saved.id, apiIds, m);
      await this.audit.record(
        { actor, action: 'group.create', resourceType: 'group', resourceId: saved.id, summary: { name: saved.name, isActive: saved.isActive, apiIds } },
        m,
      );
      return saved;
    });
    await this.bus.publish({ topic: 'group.changed', id: group.id });
    return toGroupResponse(group, apiIds);
  }

  async update(id: string, dto: UpdateGroupDto, actor: AuthUser): Promise<GroupResponseDto> {
    const group = await this.find(id);
    if (dto.name !== undefined) await this.refuseTakenName(dto.name, id);
    const apiIds = dto.apiIds ? await this.checkApis(dto.apiIds) : undefined;
    const before = await this.get(id);
    const saved = await this.repo.transaction(async (m) => {
      const { apiIds: _ignored, ...fields } = dto;
      const s = await this.repo.save({ ...group, ...fields }, m);
      if (apiIds) await this.repo.setApis(id, apiIds, m);
      const after = toGroupResponse(s, apiIds ?? before.apiIds);
      const changes = AuditService.changes({ ...before, updatedAt: undefined }, { ...after, updatedAt: undefined });
      await this.audit.record({ actor, action: 'group.update', resourceType: 'group', resourceId: id, summary: changes }, m);
      return after;
    });
    await this.bus.publish({ topic: 'group.changed', id });
    return saved;
  }

  async remove(id: string, actor: AuthUser): Promise<void> {
    const group = await this.find(id);
    await this.repo.transaction(async (m) => {
      await this.repo.delete(id, m);
      await this.audit.record({ actor, action: 'group.delete', resourceType: 'group', resourceId: id, summary: { name: group.name } }, m);
    });
    await this.bus.publish({ topic: 'group.changed', id });
  }

  private async find(id: string): Promise<GroupEntity> {
    const group = await this.repo.findById(id);
    if (!group) throw groupError('GROUP_NOT_FOUND', `No group with id ${id}`);
    return group;
  }

  private async refuseTakenName(name: string, exceptId?: string): Promise<void> {
    if (await this.repo.nameTaken(name, exceptId)) {
      throw groupError('GROUP_NAME_TAKEN', `A group named "${name}" exists`, [{ field: 'name', message: 'already taken' }]);
    }
  }

  private async checkApis(ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids)].sort();
    const missing = await this.repo.missingApiIds(unique);
    if (missing.length) throw groupError('GROUP_API_NOT_FOUND', `Unknown API ids: ${missing.join(', ')}`, [{ field: 'apiIds', message: `unknown: ${missing.join(', ')}` }]);
    return unique;
  }
}
