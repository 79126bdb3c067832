import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ApiVersionEntity } from 'src/apis/api-version.entity.js';
import { ApiEntity } from 'src/apis/api.entity.js';
import type { ListApisQueryDto } from 'src/apis/dto/list-apis-query.dto.js';
import { sortOrder } from 'src/common/pagination/page-query.dto.js';

const SORTABLE = ['name', 'path', 'method', 'createdAt', 'updatedAt', 'publishedAt'] as const;

export interface DatasourceRef {
  id: string;
  name: string;
  type: 'postgres' | 'mysql' | 'trino';
  isActive: boolean;
}

/** Object-level scope of a list: null = everything; else APIs by id or by module. */
export interface ApiScope {
  apiIds: string[];
  moduleIds: string[];
}

@Injectable()
export class ApisRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  list(query: ListApisQueryDto, scope: ApiScope | null): Promise<[ApiEntity[], number]> {
    const { field, direction } = sortOrder(query.sort, SORTABLE, 'name');
    const qb = this.db.getRepository(ApiEntity).createQueryBuilder('a');
    if (query.q) qb.andWhere('(a.name ILIKE :q OR a.path ILIKE :q OR a.description ILIKE :q)', { q: `%${query.q.replace(/[\\%_]/g, '\\$&')}%` });
    if (query.moduleId) qb.andWhere('a.moduleId = :moduleId', { moduleId: query.moduleId });
    if (query.status) qb.andWhere(query.status === 'published' ? 'a.publishedVersionId IS NOT NULL' : 'a.publishedVersionId IS NULL');
    if (query.method) qb.andWhere('a.method = :method', { method: query.method });
    if (query.engine) qb.andWhere('a.engine = :engine', { engine: query.engine });
    if (query.accessType) qb.andWhere('a.accessType = :accessType', { accessType: query.accessType });
    if (query.datasourceId) qb.andWhere('a.datasourceId = :datasourceId', { datasourceId: query.datasourceId });
    if (scope) qb.andWhere('(a.id = ANY(:apiIds) OR a.moduleId = ANY(:moduleIds))', { apiIds: scope.apiIds, moduleIds: scope.moduleIds });
    return qb
      .orderBy(`a.${field}`, direction)
      .addOrderBy('a.id', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
  }

  findById(id: string, m: EntityManager = this.db.manager, lock = false): Promise<ApiEntity | null> {
    return m.getRepository(ApiEntity).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  /** The API already on this route shape and method (another one than `exceptId`). */
  routeOwner(method: string, shape: string, exceptId?: string): Promise<ApiEntity | null> {
    const qb = this.db.getRepository(ApiEntity).createQueryBuilder('a').where('a.method = :method AND a.pathShape = :shape', { method, shape });
    if (exceptId) qb.andWhere('a.id <> :id', { id: exceptId });
    return qb.getOne();
  }

  save(api: Partial<ApiEntity>, m: EntityManager = this.db.manager): Promise<ApiEntity> {
    return m.getRepository(ApiEntity).save(api);
  }

  async delete(id: string, m: EntityManager): Promise<void> {
    await m.getRepository(ApiEntity).delete({ id });
  }

  async datasource(id: string): Promise<DatasourceRef | null> {
    const rows: { id: string; name: string; type: DatasourceRef['type']; is_active: boolean }[] = await this.db.query(
      `SELECT id, name, type, is_active FROM datasource WHERE id = $1`,
      [id],
    );
    return rows[0] ? { id: rows[0].id, name: rows[0].name, type: rows[0].type, isActive: rows[0].is_active } : null;
  }

  async groupIds(apiIds: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (!apiIds.length) return out;
    const rows: { api_id: string; group_id: string }[] = await this.db.query(`SELECT api_id, group_id FROM api_group_api WHERE api_id = ANY($1) ORDER BY group_id`, [apiIds]);
    for (const r of rows) out.set(r.api_id, [...(out.get(r.api_id) ?? []), r.group_id]);
    return out;
  }

  async existingGroupIds(ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM api_group WHERE id = ANY($1)`, [ids]);
    return rows.map((r) => r.id);
  }

  async setGroups(apiId: string, groupIds: string[], m: EntityManager): Promise<void> {
    await m.query(`DELETE FROM api_group_api WHERE api_id = $1`, [apiId]);
    if (groupIds.length) await m.query(`INSERT INTO api_group_api (group_id, api_id) SELECT unnest($1::uuid[]), $2`, [groupIds, apiId]);
  }

  // Versions

  listVersions(apiId: string): Promise<ApiVersionEntity[]> {
    return this.db.getRepository(ApiVersionEntity).find({ where: { apiId }, order: { version: 'DESC' } });
  }

  findVersion(apiId: string, versionId: string, m: EntityManager = this.db.manager): Promise<ApiVersionEntity | null> {
    return m.getRepository(ApiVersionEntity).findOneBy({ id: versionId, apiId });
  }

  async versionNumbers(ids: string[]): Promise<Map<string, number>> {
    if (!ids.length) return new Map();
    const rows: { id: string; version: number }[] = await this.db.query(`SELECT id, version FROM api_version WHERE id = ANY($1)`, [ids]);
    return new Map(rows.map((r) => [r.id, r.version]));
  }

  async nextVersion(apiId: string, m: EntityManager): Promise<number> {
    const rows: { n: number }[] = await m.query(`SELECT coalesce(max(version), 0) + 1 AS n FROM api_version WHERE api_id = $1`, [apiId]);
    return Number(rows[0].n);
  }

  saveVersion(version: Partial<ApiVersionEntity>, m: EntityManager): Promise<ApiVersionEntity> {
    return m.getRepository(ApiVersionEntity).save(version);
  }

  async deleteVersion(id: string, m: EntityManager): Promise<void> {
    await m.getRepository(ApiVersionEntity).delete({ id });
  }

  /** Points the API at a version (or none) in one UPDATE: the switch the gateway sees is atomic. */
  async setPublished(apiId: string, versionId: string | null, m: EntityManager): Promise<void> {
    await m.query(`UPDATE api SET published_version_id = $2, published_at = CASE WHEN $2::uuid IS NULL THEN NULL ELSE now() END, updated_at = now() WHERE id = $1`, [apiId, versionId]);
  }
}
