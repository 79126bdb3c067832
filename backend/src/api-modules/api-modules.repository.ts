import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ApiModuleEntity } from 'src/api-modules/api-module.entity.js';
import type { ListApiModulesQueryDto } from 'src/api-modules/dto/list-api-modules-query.dto.js';
import { sortOrder } from 'src/common/pagination/page-query.dto.js';

const SORTABLE = ['sortOrder', 'name', 'createdAt'] as const;
export interface ModuleCounts {
  apiCount: number;
  publishedApiCount: number;
}

@Injectable()
export class ApiModulesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  list(query: ListApiModulesQueryDto): Promise<[ApiModuleEntity[], number]> {
    const { field, direction } = sortOrder(query.sort, SORTABLE, 'sortOrder');
    const qb = this.db.getRepository(ApiModuleEntity).createQueryBuilder('m');
    if (query.q) qb.andWhere('(m.name ILIKE :q OR m.description ILIKE :q)', { q: `%${query.q.replace(/[\\%_]/g, '\\$&')}%` });
    if (query.isActive !== undefined) qb.andWhere('m.isActive = :active', { active: query.isActive });
    return qb
      .orderBy(`m.${field}`, direction)
      .addOrderBy('m.name', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
  }

  findById(id: string, m: EntityManager = this.db.manager): Promise<ApiModuleEntity | null> {
    return m.getRepository(ApiModuleEntity).findOneBy({ id });
  }

  nameTaken(name: string, exceptId?: string): Promise<boolean> {
    const qb = this.db.getRepository(ApiModuleEntity).createQueryBuilder('m').where('lower(m.name) = lower(:name)', { name });
    if (exceptId) qb.andWhere('m.id <> :id', { id: exceptId });
    return qb.getExists();
  }

  /** API counts per module id. */
  async counts(ids: string[]): Promise<Map<string, ModuleCounts>> {
    const out = new Map<string, ModuleCounts>();
    if (!ids.length) return out;
    const rows: { module_id: string; total: string; published: string }[] = await this.db.query(
      `SELECT module_id, count(*) AS total, count(published_version_id) AS published FROM api WHERE module_id = ANY($1) GROUP BY module_id`,
      [ids],
    );
    for (const r of rows) out.set(r.module_id, { apiCount: Number(r.total), publishedApiCount: Number(r.published) });
    return out;
  }

  /** Names of the module's APIs that have a published version. */
  async publishedApiNames(id: string, m: EntityManager = this.db.manager): Promise<string[]> {
    const rows: { name: string }[] = await m.query(`SELECT name FROM api WHERE module_id = $1 AND published_version_id IS NOT NULL ORDER BY name`, [id]);
    return rows.map((r) => r.name);
  }

  save(module: Partial<ApiModuleEntity>, m: EntityManager = this.db.manager): Promise<ApiModuleEntity> {
    return m.getRepository(ApiModuleEntity).save(module);
  }

  /** Deletes the module with its (unpublished) APIs and its macros. */
  async delete(id: string, m: EntityManager): Promise<void> {
    await m.query(`DELETE FROM api WHERE module_id = $1`, [id]);
    await m.query(`DELETE FROM macro WHERE module_id = $1`, [id]);
    await m.getRepository(ApiModuleEntity).delete({ id });
  }
}
