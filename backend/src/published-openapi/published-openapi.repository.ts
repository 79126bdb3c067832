import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ApiSnapshot } from 'src/apis/api-snapshot.js';

export interface PublishedApi {
  id: string;
  name: string;
  description: string;
  path: string;
  method: string;
  moduleName: string;
  version: number;
  snapshot: ApiSnapshot;
}

export interface ClientAccess {
  isActive: boolean;
  secretRotatedAt: Date;
  /** Private APIs the client may call: direct links ∪ APIs of its active groups. */
  apiIds: Set<string>;
}

@Injectable()
export class PublishedOpenApiRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Published APIs of active modules, in module order then path. */
  async publishedApis(): Promise<PublishedApi[]> {
    const rows: { id: string; name: string; description: string; path: string; method: string; module_name: string; version: number; snapshot: ApiSnapshot }[] = await this.db.query(
      `SELECT a.id, a.name, a.description, a.path, a.method, m.name AS module_name, v.version, v.snapshot
         FROM api a
         JOIN api_module m ON m.id = a.module_id AND m.is_active
         JOIN api_version v ON v.id = a.published_version_id
        ORDER BY m.sort_order, m.name, a.path, a.method`,
    );
    return rows.map((r) => ({ id: r.id, name: r.name, description: r.description, path: r.path, method: r.method, moduleName: r.module_name, version: r.version, snapshot: r.snapshot }));
  }

  /** The client with this public client id and the APIs it may call, or null. */
  async clientAccess(clientId: string): Promise<ClientAccess | null> {
    const clients: { id: string; is_active: boolean; secret_rotated_at: Date }[] = await this.db.query(`SELECT id, is_active, secret_rotated_at FROM app_client WHERE client_id = $1`, [clientId]);
    if (!clients[0]) return null;
    const apis: { api_id: string }[] = await this.db.query(
      `SELECT api_id FROM client_api WHERE client_id = $1
       UNION
       SELECT ga.api_id FROM client_group cg JOIN api_group g ON g.id = cg.group_id AND g.is_active JOIN api_group_api ga ON ga.group_id = g.id WHERE cg.client_id = $1`,
      [clients[0].id],
    );
    return { isActive: clients[0].is_active, secretRotatedAt: clients[0].secret_rotated_at, apiIds: new Set(apis.map((a) => a.api_id)) };
  }
}
