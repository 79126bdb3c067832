import { Injectable } from '@nestjs/common';
import { AuditService } from 'src/audit/audit.service.js';
import type { AuthUser } from 'src/auth/auth-user.js';
import { AuthRepository } from 'src/auth/auth.repository.js';
import { hashSecret } from 'src/common/crypto/password.js';
import { toPage, type Page } from 'src/common/pagination/page.dto.js';
import type { CreateUserDto } from 'src/users/dto/create-user.dto.js';
import type { ListUsersQueryDto } from 'src/users/dto/list-users-query.dto.js';
import type { UpdateUserDto } from 'src/users/dto/update-user.dto.js';
import { toUserResponse, type UserResponseDto } from 'src/users/dto/user-response.dto.js';
import type { UserEntity } from 'src/users/user.entity.js';
import { userError } from 'src/users/users.errors.js';
import { UsersRepository } from 'src/users/users.repository.js';

@Injectable()
export class UsersService {
  constructor(
    private readonly repo: UsersRepository,
    private readonly sessions: AuthRepository,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListUsersQueryDto): Promise<Page<UserResponseDto>> {
    const [items, total] = await this.repo.list(query);
    return toPage(items.map(toUserResponse), total, query);
  }

  async get(id: string): Promise<UserResponseDto> {
    return toUserResponse(await this.find(id));
  }

  async create(dto: CreateUserDto, actor: AuthUser | null): Promise<UserResponseDto> {
    if (await this.repo.emailTaken(dto.email)) throw userError('USER_EMAIL_TAKEN', `A user with email ${dto.email} exists`, [{ field: 'email', message: 'already taken' }]);
    const roles = await this.resolveRoles(dto.roleIds ?? []);
    const user = await this.repo.transaction(async (m) => {
      const saved = await this.repo.save(
        { email: dto.email, name: dto.name, passwordHash: await hashSecret(dto.password), isActive: dto.isActive ?? true, isSuperuser: dto.isSuperuser ?? false, passwordChangedAt: new Date(), roles },
        m,
      );
      await this.audit.record(
        { actor, action: 'user.create', resourceType: 'user', resourceId: saved.id, summary: { email: dto.email, name: dto.name, isSuperuser: saved.isSuperuser, roleIds: roles.map((r) => r.id) } },
        m,
      );
      return saved;
    });
    return toUserResponse(user);
  }

  async update(id: string, dto: UpdateUserDto, actor: AuthUser): Promise<UserResponseDto> {
    const user = await this.find(id);
    if (dto.email && (await this.repo.emailTaken(dto.email, id))) throw userError('USER_EMAIL_TAKEN', `A user with email ${dto.email} exists`, [{ field: 'email', message: 'already taken' }]);
    const losingAdmin = (dto.isActive === false && user.isActive) || (dto.isSuperuser === false && user.isSuperuser);
    if (losingAdmin && user.isSuperuser && (await this.repo.otherActiveSuperusers(id)) === 0) {
      throw userError('USER_SELF_LOCKOUT', 'This is the last active superuser; make another user superuser first');
    }
    const before = toUserResponse(user);
    const roles = dto.roleIds ? await this.resolveRoles(dto.roleIds) : user.roles;
    const next: Partial<UserEntity> = { ...user, ...dto, roles, password: undefined } as Partial<UserEntity>;
    delete (next as { password?: string }).password;
    if (dto.password) Object.assign(next, { passwordHash: await hashSecret(dto.password), passwordChangedAt: new Date() });
    const saved = await this.repo.transaction(async (m) => {
      const s = await this.repo.save(next, m);
      const after = toUserResponse(s);
      await this.audit.record(
        { actor, action: 'user.update', resourceType: 'user', resourceId: id, summary: { ...AuditService.changes({ ...before }, { ...after }), ...(dto.password ? { password: 'changed' } : {}) } },
        m,
      );
      return s;
    });
    if (dto.password || dto.isActive === false) await this.sessions.revokeUserSessions(id);
    return toUserResponse(saved);
  }

  async remove(id: string, actor: AuthUser): Promise<void> {
    const user = await this.find(id);
    if (id === actor.id) throw userError('USER_SELF_LOCKOUT', 'You cannot delete your own account');
    if (user.isSuperuser && user.isActive && (await this.repo.otherActiveSuperusers(id)) === 0) {
      throw userError('USER_SELF_LOCKOUT', 'This is the last active superuser');
    }
    await this.repo.transaction(async (m) => {
      await this.repo.delete(id, m);
      await this.audit.record({ actor, action: 'user.delete', resourceType: 'user', resourceId: id, summary: { email: user.email } }, m);
    });
  }

  async roles(id: string): Promise<string[]> {
    return (await this.find(id)).roles?.map((r) => r.id) ?? [];
  }

  async setRoles(id: string, roleIds: string[], actor: AuthUser): Promise<string[]> {
    const updated = await this.update(id, { roleIds }, actor);
    return updated.roleIds;
  }

  private async find(id: string): Promise<UserEntity> {
    const user = await this.repo.findById(id);
    if (!user) throw userError('USER_NOT_FOUND', `No user with id ${id}`);
    return user;
  }

  private async resolveRoles(ids: string[]) {
    const unique = [...new Set(ids)];
    const roles = await this.repo.rolesByIds(unique);
    const missing = unique.filter((id) => !roles.some((r) => r.id === id));
    if (missing.length) throw userError('USER_ROLE_NOT_FOUND', `Unknown role ids: ${missing.join(', ')}`, [{ field: 'roleIds', message: `unknown: ${missing.join(', ')}` }]);
    return roles;
  }
}
