import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { sortOrder } from 'src/common/pagination/page-query.dto.js';
import { RoleEntity } from 'src/roles/role.entity.js';
import type { ListUsersQueryDto } from 'src/users/dto/list-users-query.dto.js';
import { UserEntity } from 'src/users/user.entity.js';

const SORTABLE = ['email', 'name', 'createdAt'] as const;

@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  async list(query: ListUsersQueryDto): Promise<[UserEntity[], number]> {
    const { field, direction } = sortOrder(query.sort, SORTABLE, 'email');
    const qb = this.db.getRepository(UserEntity).createQueryBuilder('u').leftJoinAndSelect('u.roles', 'r');
    if (query.q) qb.andWhere('(u.email ILIKE :q OR u.name ILIKE :q)', { q: `%${query.q.replace(/[\\%_]/g, '\\$&')}%` });
    if (query.isActive !== undefined) qb.andWhere('u.isActive = :active', { active: query.isActive });
    return qb
      .orderBy(`u.${field}`, direction)
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
  }

  findById(id: string, m: EntityManager = this.db.manager): Promise<UserEntity | null> {
    return m.getRepository(UserEntity).findOne({ where: { id }, relations: { roles: true } });
  }

  emailTaken(email: string, exceptId?: string): Promise<boolean> {
    const qb = this.db.getRepository(UserEntity).createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email });
    if (exceptId) qb.andWhere('u.id <> :id', { id: exceptId });
    return qb.getExists();
  }

  count(): Promise<number> {
    return this.db.getRepository(UserEntity).count();
  }

  rolesByIds(ids: string[], m: EntityManager = this.db.manager): Promise<RoleEntity[]> {
    return ids.length ? m.getRepository(RoleEntity).findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  roleByName(name: string): Promise<RoleEntity | null> {
    return this.db.getRepository(RoleEntity).findOneBy({ name });
  }

  save(user: Partial<UserEntity>, m: EntityManager = this.db.manager): Promise<UserEntity> {
    return m.getRepository(UserEntity).save(user);
  }

  async delete(id: string, m: EntityManager = this.db.manager): Promise<void> {
    await m.getRepository(UserEntity).delete({ id });
  }

  /** Active superusers other than `exceptId` (so the last one cannot lock everyone out). */
  otherActiveSuperusers(exceptId: string): Promise<number> {
    return this.db.getRepository(UserEntity).createQueryBuilder('u').where('u.isSuperuser AND u.isActive AND u.id <> :id', { id: exceptId }).getCount();
  }
}
