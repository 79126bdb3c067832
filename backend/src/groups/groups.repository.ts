import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { sortOrder } from 'src/common/pagination/page-query.dto.js';
import type { ListGroupsQueryDto } from 'src/groups/dto/list-groups-query.dto.js';
import { GroupEntity } from 'src/groups/group.entity.js';

const SORTABLE = ['name', 'createdAt', 'updatedAt'] as const;

@Injectable()
export class GroupsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  list(query: ListGroupsQueryDto): Promise<[GroupEntity[], number]> {
    const { field, direction } = sortOrder(query.sort, SORTABLE, 'name');
    const qb = this.db.getRepository(GroupEntity).createQueryBuilder('g');
    if (query.q) qb.andWhere('(g.name ILIKE :q OR g.description ILIKE :q)', { q: `%${query.q.replace(/[\\%_]/g, '\\$&')}%` });
    if (query.isActive !== undefined) qb.andWhere('g.isActive = :active', { active: query.isActive });
    return qb
      .orderBy(`g.${field}`, direction)
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
  }

  findById(id: string, m: EntityManager = this.db.manager): Promise<GroupEntity | null> {
    return m.getRepository(GroupEntity).findOneBy({ id });
  }

  nameTaken(name: string, exceptId?: string): Promise<boolean> {
    const qb = this.db.getRepository(GroupEntity).createQueryBuilder('g').where('lower(g.name) = lower(:name)', { name });
    if (exceptId) qb.andWhere('g.id <> :id', { id: exceptId });
    return qb.getExists();
  }

  save(group: Partial<GroupEntity>, m: EntityManager = this.db.manager): Promise<GroupEntity> {
    return m.getRepository(GroupEntity).save(group);
  }

  async delete(id: string, m: EntityManager = this.db.manager): Promise<void> {
    await m.getRepository(GroupEntity).delete({ id });
  }

  /** API ids per group, for the given groups. */
  async apiIdsByGroup(groupIds: string[], m: EntityManager = this.db.manager): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>(groupIds.map((id) => [id, []]));
    if (!groupIds.length) return out;
    const rows: { group_id: string; api_id: string }[] = await m.query(
      'SELECT group_id, api_id FROM api_group_api WHERE group_id = ANY($1::uuid[]) ORDER BY api_id',
      [groupIds],
    );
    for (const r of rows) out.get(r.group_id)?.push(r.api_id);
    return out;
  }

  /** Replaces the group's API set. */
  async setApis(groupId: string, apiIds: string[], m: EntityManager): Promise<void> {
    await m.query('DELETE FROM api_group_api WHERE group_id = $1', [groupId]);
    if (apiIds.length) await m.query('INSERT INTO api_group_api (group_id, api_id) SELECT $1, unnest($2::uuid[])', [groupId, apiIds]);
  }

  /** The ids among `apiIds` that name no API. */
  async missingApiIds(apiIds: string[]): Promise<string[]> {
    if (!apiIds.length) return [];
    const rows: { id: string }[] = await this.db.query('SELECT id FROM api WHERE id = ANY($1::uuid[])', [apiIds]);
    const found = new Set(rows.map((r) => r.id));
    return apiIds.filter((id) => !found.has(id));
  }

  /** The ids among `groupIds` that name no group. */
  async missingGroupIds(groupIds: string[]): Promise<string[]> {
    if (!groupIds.length) return [];
    const rows: { id: string }[] = await this.db.query('SELECT id FROM api_group WHERE id = ANY($1::uuid[])', [groupIds]);
    const found = new Set(rows.map((r) => r.id));
    return groupIds.filter((id) => !found.has(id));
  }
}
