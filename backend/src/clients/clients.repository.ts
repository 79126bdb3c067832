import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ClientEntity } from 'src/clients/client.entity.js';
import type { ClientApiDto, ClientLinks } from 'src/clients/dto/client-response.dto.js';
import type { ListClientsQueryDto } from 'src/clients/dto/list-clients-query.dto.js';
import { sortOrder } from 'src/common/pagination/page-query.dto.js';

const SORTABLE = ['name', 'clientId', 'createdAt', 'updatedAt'] as const;

/** A client row with its secret hashes (only the token endpoint reads these). */
export type ClientWithSecrets = ClientEntity & { secretHash: string; previousSecretHash: string | null };

interface EffectiveApiRow {
  id: string;
  name: string;
  module_id: string;
  module_name: string;
  path: string;
  method: string;
  access_type: string;
  published: boolean;
  direct: boolean;
  via_group_ids: string[];
}

@Injectable()
export class ClientsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  list(query: ListClientsQueryDto): Promise<[ClientEntity[], number]> {
    const { field, direction } = sortOrder(query.sort, SORTABLE, 'name');
    const qb = this.db.getRepository(ClientEntity).createQueryBuilder('c');
    if (query.q) qb.andWhere('(c.name ILIKE :q OR c.clientId ILIKE :q OR c.description ILIKE :q)', { q: `%${query.q.replace(/[\\%_]/g, '\\$&')}%` });
    if (query.isActive !== undefined) qb.andWhere('c.isActive = :active', { active: query.isActive });
    if (query.groupId) qb.andWhere('c.id IN (SELECT client_id FROM client_group WHERE group_id = :groupId)', { groupId: query.groupId });
    return qb
      .orderBy(`c.${field}`, direction)
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
  }

  findById(id: string, m: EntityManager = this.db.manager): Promise<ClientEntity | null> {
    return m.getRepository(ClientEntity).findOneBy({ id });
  }

  /** By public client id, with the secret hashes (token endpoint only). */
  findWithSecretsByClientId(clientId: string): Promise<ClientWithSecrets | null> {
    return this.db
      .getRepository(ClientEntity)
      .createQueryBuilder('c')
      .addSelect(['c.secretHash', 'c.previousSecretHash'])
      .where('c.clientId = :clientId', { clientId })
      .getOne() as Promise<ClientWithSecrets | null>;
  }

  /** By public client id, without secrets (the gateway's lookup). */
  findByClientId(clientId: string): Promise<ClientEntity | null> {
    return this.db.getRepository(ClientEntity).findOneBy({ clientId });
  }

  nameTaken(name: string, exceptId?: string): Promise<boolean> {
    const qb = this.db.getRepository(ClientEntity).createQueryBuilder('c').where('lower(c.name) = lower(:name)', { name });
    if (exceptId) qb.andWhere('c.id <> :id', { id: exceptId });
    return qb.getExists();
  }

  save(client: Partial<ClientEntity>, m: EntityManager = this.db.manager): Promise<ClientEntity> {
    return m.getRepository(ClientEntity).save(client);
  }

  async updateSecrets(
    id: string,
    secrets: Pick<ClientWithSecrets, 'secretHash' | 'previousSecretHash' | 'previousSecretExpiresAt' | 'secretRotatedAt'>,
    m: EntityManager,
  ): Promise<void> {
    await m.getRepository(ClientEntity).update({ id }, secrets);
  }

  async delete(id: string, m: EntityManager = this.db.manager): Promise<void> {
    await m.getRepository(ClientEntity).delete({ id });
  }

  async links(clientIds: string[], m: EntityManager = this.db.manager): Promise<Map<string, ClientLinks>> {
    const out = new Map<string, ClientLinks>(clientIds.map((id) => [id, { groupIds: [], apiIds: [] }]));
    if (!clientIds.length) return out;
    const [groups, apis]: { client_id: string; id: string }[][] = await Promise.all([
      m.query('SELECT client_id, group_id AS id FROM client_group WHERE client_id = ANY($1::uuid[]) ORDER BY group_id', [clientIds]),
      m.query('SELECT client_id, api_id AS id FROM client_api WHERE client_id = ANY($1::uuid[]) ORDER BY api_id', [clientIds]),
    ]);
    for (const r of groups) out.get(r.client_id)?.groupIds.push(r.id);
    for (const r of apis) out.get(r.client_id)?.apiIds.push(r.id);
    return out;
  }

  async setLinks(clientId: string, links: Partial<ClientLinks>, m: EntityManager): Promise<void> {
    if (links.groupIds) {
      await m.query('DELETE FROM client_group WHERE client_id = $1', [clientId]);
      if (links.groupIds.length) await m.query('INSERT INTO client_group (client_id, group_id) SELECT $1, unnest($2::uuid[])', [clientId, links.groupIds]);
    }
    if (links.apiIds) {
      await m.query('DELETE FROM client_api WHERE client_id = $1', [clientId]);
      if (links.apiIds.length) await m.query('INSERT INTO client_api (client_id, api_id) SELECT $1, unnest($2::uuid[])', [clientId, links.apiIds]);
    }
  }

  /**
   * The APIs a client may call: direct links ∪ APIs of its *active* groups (an inactive group grants nothing).
   * Published = a version is published and serving.
   */
  async effectiveApis(clientId: string): Promise<ClientApiDto[]> {
    const rows: EffectiveApiRow[] = await this.db.query(
      `WITH links AS (
         SELECT api_id, NULL::uuid AS group_id FROM client_api WHERE client_id = $1
         UNION ALL
         SELECT ga.api_id, g.id FROM client_group cg
           JOIN api_group g ON g.id = cg.group_id AND g.is_active
           JOIN api_group_api ga ON ga.group_id = g.id
         WHERE cg.client_id = $1
       )
       SELECT a.id, a.name, a.module_id, m.name AS module_name, a.path, a.method, a.access_type,
              (a.published_version_id IS NOT NULL AND a.published_at IS NOT NULL) AS published,
              bool_or(l.group_id IS NULL) AS direct,
              coalesce(array_agg(DISTINCT l.group_id) FILTER (WHERE l.group_id IS NOT NULL), '{}') AS via_group_ids
       FROM links l JOIN api a ON a.id = l.api_id JOIN api_module m ON m.id = a.module_id
       GROUP BY a.id, m.name
       ORDER BY m.name, a.path, a.method`,
      [clientId],
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      moduleId: r.module_id,
      moduleName: r.module_name,
      path: r.path,
      method: r.method,
      accessType: r.access_type,
      published: r.published,
      direct: r.direct,
      viaGroupIds: r.via_group_ids,
    }));
  }
}
