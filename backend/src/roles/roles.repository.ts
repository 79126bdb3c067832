import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import { PermissionEntity } from 'src/roles/permission.entity.js';
import { RoleEntity } from 'src/roles/role.entity.js';

@Injectable()
export class RolesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  list(page: number, pageSize: number): Promise<[RoleEntity[], number]> {
    return this.db.getRepository(RoleEntity).findAndCount({ relations: { permissions: true }, order: { name: 'ASC' }, skip: (page - 1) * pageSize, take: pageSize });
  }

  findById(id: string): Promise<RoleEntity | null> {
    return this.db.getRepository(RoleEntity).findOne({ where: { id }, relations: { permissions: true } });
  }

  nameTaken(name: string, exceptId?: string): Promise<boolean> {
    const qb = this.db.getRepository(RoleEntity).createQueryBuilder('r').where('lower(r.name) = lower(:name)', { name });
    if (exceptId) qb.andWhere('r.id <> :id', { id: exceptId });
    return qb.getExists();
  }

  save(role: Partial<RoleEntity>, m: EntityManager): Promise<RoleEntity> {
    return m.getRepository(RoleEntity).save(role);
  }

  async deleteRole(id: string, m: EntityManager): Promise<void> {
    await m.getRepository(RoleEntity).delete({ id });
  }

  permissionsByIds(ids: string[]): Promise<PermissionEntity[]> {
    return ids.length ? this.db.getRepository(PermissionEntity).findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  listPermissions(): Promise<PermissionEntity[]> {
    return this.db.getRepository(PermissionEntity).find({ order: { resourceType: 'ASC', action: 'ASC', resourceId: 'ASC' } });
  }

  findPermission(p: Pick<PermissionEntity, 'resourceType' | 'action' | 'resourceId'>): Promise<PermissionEntity | null> {
    return this.db.getRepository(PermissionEntity).findOneBy({ resourceType: p.resourceType, action: p.action, resourceId: p.resourceId ?? IsNull() });
  }

  findPermissionById(id: string): Promise<PermissionEntity | null> {
    return this.db.getRepository(PermissionEntity).findOneBy({ id });
  }

  savePermission(p: Partial<PermissionEntity>, m: EntityManager): Promise<PermissionEntity> {
    return m.getRepository(PermissionEntity).save(p);
  }

  async deletePermission(id: string, m: EntityManager): Promise<void> {
    await m.getRepository(PermissionEntity).delete({ id });
  }
}
