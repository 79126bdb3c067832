import { Injectable } from '@nestjs/common';
import { AuditService } from 'src/audit/audit.service.js';
import type { AuthUser } from 'src/auth/auth-user.js';
import { toPage, type Page } from 'src/common/pagination/page.dto.js';
import type { PageQueryDto } from 'src/common/pagination/page-query.dto.js';
import {
  toPermissionResponse,
  toRoleResponse,
  type CreatePermissionDto,
  type CreateRoleDto,
  type PermissionResponseDto,
  type RoleResponseDto,
  type UpdateRoleDto,
} from 'src/roles/dto/role.dto.js';
import type { RoleEntity } from 'src/roles/role.entity.js';
import { roleError } from 'src/roles/roles.errors.js';
import { RolesRepository } from 'src/roles/roles.repository.js';

@Injectable()
export class RolesService {
  constructor(
    private readonly repo: RolesRepository,
    private readonly audit: AuditService,
  ) {}

  async list(query: PageQueryDto): Promise<Page<RoleResponseDto>> {
    const [items, total] = await this.repo.list(query.page, query.pageSize);
    return toPage(items.map(toRoleResponse), total, query);
  }

  async get(id: string): Promise<RoleResponseDto> {
    return toRoleResponse(await this.find(id));
  }

  async create(dto: CreateRoleDto, actor: AuthUser): Promise<RoleResponseDto> {
    if (await this.repo.nameTaken(dto.name)) throw roleError('ROLE_NAME_TAKEN', `A role named "${dto.name}" exists`, [{ field: 'name', message: 'already taken' }]);
    const permissions = await this.resolvePermissions(dto.permissionIds ?? []);
    const role = await this.repo.transaction(async (m) => {
      const saved = await this.repo.save({ name: dto.name, description: dto.description ?? '', isSystem: false, permissions }, m);
      await this.audit.record({ actor, action: 'role.create', resourceType: 'role', resourceId: saved.id, summary: { name: dto.name, permissionIds: dto.permissionIds ?? [] } }, m);
      return saved;
    });
    return toRoleResponse(role);
  }

  async update(id: string, dto: UpdateRoleDto, actor: AuthUser): Promise<RoleResponseDto> {
    const role = await this.find(id);
    if (role.isSystem && dto.name !== undefined && dto.name !== role.name) throw roleError('ROLE_SYSTEM', `The built-in role "${role.name}" cannot be renamed`);
    if (dto.name && (await this.repo.nameTaken(dto.name, id))) throw roleError('ROLE_NAME_TAKEN', `A role named "${dto.name}" exists`, [{ field: 'name', message: 'already taken' }]);
    const before = toRoleResponse(role);
    const permissions = dto.permissionIds ? await this.resolvePermissions(dto.permissionIds) : role.permissions;
    const saved = await this.repo.transaction(async (m) => {
      const s = await this.repo.save({ ...role, name: dto.name ?? role.name, description: dto.description ?? role.description, permissions }, m);
      await this.audit.record({ actor, action: 'role.update', resourceType: 'role', resourceId: id, summary: AuditService.changes({ ...before }, { ...toRoleResponse(s) }) }, m);
      return s;
    });
    return toRoleResponse(saved);
  }

  async remove(id: string, actor: AuthUser): Promise<void> {
    const role = await this.find(id);
    if (role.isSystem) throw roleError('ROLE_SYSTEM', `The built-in role "${role.name}" cannot be deleted`);
    await this.repo.transaction(async (m) => {
      await this.repo.deleteRole(id, m);
      await this.audit.record({ actor, action: 'role.delete', resourceType: 'role', resourceId: id, summary: { name: role.name } }, m);
    });
  }

  async listPermissions(): Promise<PermissionResponseDto[]> {
    return (await this.repo.listPermissions()).map(toPermissionResponse);
  }

  /** Object-level grants ("api:read on API X"); type-level rows are seeded by the migration. */
  async createPermission(dto: CreatePermissionDto, actor: AuthUser): Promise<PermissionResponseDto> {
    const key = { resourceType: dto.resourceType, action: dto.action, resourceId: dto.resourceId ?? null };
    if (await this.repo.findPermission(key)) throw roleError('PERMISSION_EXISTS', 'That permission exists');
    const saved = await this.repo.transaction(async (m) => {
      const p = await this.repo.savePermission(key, m);
      await this.audit.record({ actor, action: 'permission.create', resourceType: 'role', resourceId: p.id, summary: key }, m);
      return p;
    });
    return toPermissionResponse(saved);
  }

  async deletePermission(id: string, actor: AuthUser): Promise<void> {
    const p = await this.repo.findPermissionById(id);
    if (!p) throw roleError('PERMISSION_NOT_FOUND', `No permission with id ${id}`);
    if (p.resourceId === null) throw roleError('ROLE_SYSTEM', 'Type-level permissions are built in and cannot be deleted');
    await this.repo.transaction(async (m) => {
      await this.repo.deletePermission(id, m);
      await this.audit.record({ actor, action: 'permission.delete', resourceType: 'role', resourceId: id, summary: toPermissionResponse(p) as never }, m);
    });
  }

  private async find(id: string): Promise<RoleEntity> {
    const role = await this.repo.findById(id);
    if (!role) throw roleError('ROLE_NOT_FOUND', `No role with id ${id}`);
    return role;
  }

  private async resolvePermissions(ids: string[]) {
    const unique = [...new Set(ids)];
    const found = await this.repo.permissionsByIds(unique);
    const missing = unique.filter((id) => !found.some((p) => p.id === id));
    if (missing.length) throw roleError('PERMISSION_UNKNOWN', `Unknown permission ids: ${missing.join(', ')}`, [{ field: 'permissionIds', message: `unknown: ${missing.join(', ')}` }]);
    return found;
  }
}
