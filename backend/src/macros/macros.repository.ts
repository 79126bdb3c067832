import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ApiSnapshot } from 'src/apis/api-snapshot.js';
import { sortOrder } from 'src/common/pagination/page-query.dto.js';
import type { ListMacrosQueryDto } from 'src/macros/dto/list-macros-query.dto.js';
import { MacroVersionEntity } from 'src/macros/macro-version.entity.js';
import { MacroEntity, type MacroKind } from 'src/macros/macro.entity.js';

const SORTABLE = ['name', 'kind', 'createdAt', 'updatedAt'] as const;

/** An API in a macro's scope, with its draft and published texts (for reference checks). */
export interface ScopedApi {
  id: string;
  name: string;
  method: string;
  path: string;
  moduleId: string;
  draft: Pick<ApiSnapshot, 'engine' | 'content' | 'validators' | 'transform'>;
  published: ApiSnapshot | null;
}

export interface PublishedMacro {
  name: string;
  kind: MacroKind;
  moduleId: string | null;
  content: string;
}

@Injectable()
export class MacrosRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  list(query: ListMacrosQueryDto): Promise<[MacroEntity[], number]> {
    const { field, direction } = sortOrder(query.sort, SORTABLE, 'name');
    const qb = this.db.getRepository(MacroEntity).createQueryBuilder('m');
    if (query.q) qb.andWhere('(m.name ILIKE :q OR m.description ILIKE :q)', { q: `%${query.q.replace(/[\\%_]/g, '\\$&')}%` });
    if (query.kind) qb.andWhere('m.kind = :kind', { kind: query.kind });
    if (query.moduleId === 'global') qb.andWhere('m.moduleId IS NULL');
    else if (query.moduleId) qb.andWhere('m.moduleId = :moduleId', { moduleId: query.moduleId });
    if (query.status) qb.andWhere(query.status === 'published' ? 'm.publishedVersionId IS NOT NULL' : 'm.publishedVersionId IS NULL');
    return qb
      .orderBy(`m.${field}`, direction)
      .addOrderBy('m.id', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
  }

  findById(id: string, m: EntityManager = this.db.manager, lock = false): Promise<MacroEntity | null> {
    return m.getRepository(MacroEntity).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  nameTaken(name: string, moduleId: string | null, exceptId?: string): Promise<boolean> {
    const qb = this.db
      .getRepository(MacroEntity)
      .createQueryBuilder('m')
      .where('lower(m.name) = lower(:name)', { name })
      .andWhere('m.moduleId IS NOT DISTINCT FROM :moduleId', { moduleId });
    if (exceptId) qb.andWhere('m.id <> :id', { id: exceptId });
    return qb.getExists();
  }

  async moduleExists(id: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM api_module WHERE id = $1`, [id]);
    return rows.length > 0;
  }

  save(macro: Partial<MacroEntity>, m: EntityManager = this.db.manager): Promise<MacroEntity> {
    return m.getRepository(MacroEntity).save(macro);
  }

  async delete(id: string, m: EntityManager): Promise<void> {
    await m.getRepository(MacroEntity).delete({ id });
  }

  /** Global macros, then the module's, each ordered by name; every macro of the scope (for reference checks). */
  async inScope(moduleId: string | null): Promise<MacroEntity[]> {
    const macros = await this.db.getRepository(MacroEntity).createQueryBuilder('m').where('m.moduleId IS NULL OR m.moduleId = :moduleId', { moduleId }).getMany();
    const key = (m: MacroEntity) => `${m.moduleId === null ? 0 : 1}:${m.name.toLowerCase()}:${m.name}`;
    return macros.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }

  /** Published content of the macros visible to a module: global first, then the module's, each by name. */
  async published(moduleId: string | null): Promise<PublishedMacro[]> {
    const rows: { name: string; kind: MacroKind; module_id: string | null; content: string }[] = await this.db.query(
      `SELECT m.name, m.kind, m.module_id, v.content
         FROM macro m JOIN macro_version v ON v.id = m.published_version_id
        WHERE m.module_id IS NULL OR m.module_id = $1
        ORDER BY (m.module_id IS NOT NULL), lower(m.name), m.name`,
      [moduleId],
    );
    return rows.map((r) => ({ name: r.name, kind: r.kind, moduleId: r.module_id, content: r.content }));
  }

  /** APIs a macro can reach: all of them for a global macro, else the module's. */
  async apisInScope(moduleId: string | null): Promise<ScopedApi[]> {
    const rows: {
      id: string;
      name: string;
      method: string;
      path: string;
      module_id: string;
      engine: 'sql' | 'script';
      content: string;
      validators: ApiSnapshot['validators'];
      transform: string | null;
      snapshot: ApiSnapshot | null;
    }[] = await this.db.query(
      `SELECT a.id, a.name, a.method, a.path, a.module_id, a.engine, a.content, a.validators, a.transform, v.snapshot
         FROM api a LEFT JOIN api_version v ON v.id = a.published_version_id
        WHERE $1::uuid IS NULL OR a.module_id = $1
        ORDER BY a.name`,
      [moduleId],
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      method: r.method,
      path: r.path,
      moduleId: r.module_id,
      draft: { engine: r.engine, content: r.content, validators: r.validators, transform: r.transform },
      published: r.snapshot,
    }));
  }

  // Versions

  listVersions(macroId: string): Promise<MacroVersionEntity[]> {
    return this.db.getRepository(MacroVersionEntity).find({ where: { macroId }, order: { version: 'DESC' } });
  }

  findVersion(macroId: string, versionId: string, m: EntityManager = this.db.manager): Promise<MacroVersionEntity | null> {
    return m.getRepository(MacroVersionEntity).findOneBy({ id: versionId, macroId });
  }

  async versionNumbers(ids: string[]): Promise<Map<string, number>> {
    if (!ids.length) return new Map();
    const rows: { id: string; version: number }[] = await this.db.query(`SELECT id, version FROM macro_version WHERE id = ANY($1)`, [ids]);
    return new Map(rows.map((r) => [r.id, r.version]));
  }

  async nextVersion(macroId: string, m: EntityManager): Promise<number> {
    const rows: { n: number }[] = await m.query(`SELECT coalesce(max(version), 0) + 1 AS n FROM macro_version WHERE macro_id = $1`, [macroId]);
    return Number(rows[0].n);
  }

  saveVersion(version: Partial<MacroVersionEntity>, m: EntityManager): Promise<MacroVersionEntity> {
    return m.getRepository(MacroVersionEntity).save(version);
  }

  async deleteVersion(id: string, m: EntityManager): Promise<void> {
    await m.getRepository(MacroVersionEntity).delete({ id });
  }

  async setPublished(macroId: string, versionId: string | null, m: EntityManager): Promise<void> {
    await m.query(`UPDATE macro SET published_version_id = $2, updated_at = now() WHERE id = $1`, [macroId, versionId]);
  }
}
