import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { sortOrder } from 'src/common/pagination/page-query.dto.js';
import { DatasourceEntity } from 'src/datasources/datasource.entity.js';
import type { ListDatasourcesQueryDto } from 'src/datasources/dto/list-datasources-query.dto.js';

const SORTABLE = ['name', 'type', 'host', 'createdAt', 'updatedAt'] as const;

export interface ApiUsingDatasource {
  id: string;
  name: string;
  method: string;
  path: string;
}

@Injectable()
export class DatasourcesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  /** `ids` null = every source; otherwise only those (object-level read grants). */
  async list(query: ListDatasourcesQueryDto, ids: string[] | null): Promise<[DatasourceEntity[], number]> {
    if (ids && !ids.length) return [[], 0];
    const { field, direction } = sortOrder(query.sort, SORTABLE, 'name');
    const qb = this.db.getRepository(DatasourceEntity).createQueryBuilder('d');
    if (ids) qb.andWhere('d.id IN (:...ids)', { ids });
    if (query.type) qb.andWhere('d.type = :type', { type: query.type });
    if (query.isActive !== undefined) qb.andWhere('d.isActive = :active', { active: query.isActive });
    if (query.q) {
      qb.andWhere('(d.name ILIKE :q OR d.host ILIKE :q OR d.database ILIKE :q OR d.description ILIKE :q)', { q: `%${query.q.replace(/[\\%_]/g, '\\$&')}%` });
    }
    return qb
      .orderBy(`d.${field}`, direction)
      .addOrderBy('d.id', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
  }

  findById(id: string, m: EntityManager = this.db.manager): Promise<DatasourceEntity | null> {
    return m.getRepository(DatasourceEntity).findOneBy({ id });
  }

  findByName(name: string, m: EntityManager = this.db.manager): Promise<DatasourceEntity | null> {
    return m.getRepository(DatasourceEntity).createQueryBuilder('d').where('lower(d.name) = lower(:name)', { name }).getOne();
  }

  nameTaken(name: string, exceptId?: string): Promise<boolean> {
    const qb = this.db.getRepository(DatasourceEntity).createQueryBuilder('d').where('lower(d.name) = lower(:name)', { name });
    if (exceptId) qb.andWhere('d.id <> :id', { id: exceptId });
    return qb.getExists();
  }

  insert(row: Partial<DatasourceEntity>, m: EntityManager): Promise<DatasourceEntity> {
    return m.getRepository(DatasourceEntity).save(m.getRepository(DatasourceEntity).create(row));
  }

  /** Applies `changes`; `bumpRevision` increments the revision in the same statement (no lost increments). */
  async update(id: string, changes: Partial<DatasourceEntity>, bumpRevision: boolean, m: EntityManager): Promise<DatasourceEntity> {
    const set: Record<string, unknown> = { ...changes, updatedAt: () => 'now()' };
    if (bumpRevision) set.revision = () => 'revision + 1';
    await m.createQueryBuilder().update(DatasourceEntity).set(set).where('id = :id', { id }).execute();
    return (await this.findById(id, m))!;
  }

  async delete(id: string, m: EntityManager): Promise<void> {
    await m.getRepository(DatasourceEntity).delete({ id });
  }

  /** APIs whose draft or published version runs on the source (a deletion would break them). */
  apisUsing(id: string, m: EntityManager = this.db.manager): Promise<ApiUsingDatasource[]> {
    return m.query(
      `SELECT a.id, a.name, a.method, a.path FROM api a
         LEFT JOIN api_version v ON v.id = a.published_version_id
        WHERE a.datasource_id = $1 OR v.snapshot->>'datasourceId' = $1::text
        ORDER BY a.name, a.id`,
      [id],
    );
  }
}
