import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ApiSnapshot } from 'src/apis/api-snapshot.js';

export interface PublishedApiRow {
  id: string;
  name: string;
  path: string;
  method: string;
  module_id: string;
  version_id: string;
  snapshot: ApiSnapshot;
}

export interface MacroRow {
  module_id: string | null;
  kind: 'sql' | 'script';
  content: string;
}

export interface ClientRow {
  id: string;
  client_id: string;
  is_active: boolean;
  rate_limit_per_minute: number | null;
  max_concurrent: number | null;
  allowed_ips: string[];
  secret_rotated_at: Date;
}

export interface CatalogueRows {
  apis: PublishedApiRow[];
  macros: MacroRow[];
  clients: ClientRow[];
  /** Client (uuid) → API ids it may call: direct links and links through active groups. */
  access: { client_id: string; api_id: string }[];
  /** Cheap change counter for instances that cannot listen for notifications. */
  version: string;
}

/** The gateway's only queries: one snapshot of everything the runtime serves, read at start and on change. */
@Injectable()
export class CatalogueRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * No transaction on purpose: the embedded database multiplexes one session and blocks every other
   * connection while a transaction is open. A change racing with a load sends its own notification,
   * which triggers another load.
   */
  async load(): Promise<CatalogueRows> {
    const m = this.db;
    const version = await this.version(m);
    const [apis, macros, clients, access] = [
      await m.query(
        `SELECT a.id, a.name, a.path, a.method, a.module_id, v.id AS version_id, v.snapshot
           FROM api a
           JOIN api_module mo ON mo.id = a.module_id AND mo.is_active
           JOIN api_version v ON v.id = a.published_version_id
          ORDER BY mo.sort_order, mo.id, a.id`,
      ),
      await m.query(
        `SELECT m.module_id, m.kind, v.content
           FROM macro m JOIN macro_version v ON v.id = m.published_version_id
          ORDER BY (m.module_id IS NOT NULL), lower(m.name), m.id`,
      ),
      await m.query(`SELECT id, client_id, is_active, rate_limit_per_minute, max_concurrent, allowed_ips, secret_rotated_at FROM app_client`),
      await m.query(
        `SELECT client_id, api_id FROM client_api
         UNION
         SELECT cg.client_id, ga.api_id
           FROM client_group cg
           JOIN api_group g ON g.id = cg.group_id AND g.is_active
           JOIN api_group_api ga ON ga.group_id = g.id`,
      ),
    ];
    return { apis, macros, clients, access, version };
  }

  /** A fingerprint of every table the catalogue reads (max updated_at + row counts); cheap to poll. */
  async version(m: Pick<DataSource, 'query'> = this.db): Promise<string> {
    const [row] = await m.query(
      `SELECT concat_ws('|',
         (SELECT max(updated_at)::text || count(*) FROM api),
         (SELECT max(created_at)::text || count(*) FROM api_version),
         (SELECT max(updated_at)::text || count(*) FROM api_module),
         (SELECT max(updated_at)::text || count(*) FROM macro),
         (SELECT max(updated_at)::text || count(*) FROM app_client),
         (SELECT max(updated_at)::text || count(*) FROM api_group),
         (SELECT count(*) FROM client_api), (SELECT count(*) FROM client_group), (SELECT count(*) FROM api_group_api)) AS v`,
    );
    return String(row.v);
  }
}
