import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AccessLogFiltersDto } from 'src/access-logs/dto/list-access-logs-query.dto.js';
import type { AccessLogResponseDto } from 'src/access-logs/dto/access-log-response.dto.js';

export const COUNT_CAP = 100_000;

const SELECT = `SELECT l.id::text AS id, l.created_at AS "createdAt", l.request_id AS "requestId", l.api_id AS "apiId",
  l.api_version_id AS "apiVersionId", l.module_id AS "moduleId", l.client_id AS "clientId", l.client_key AS "clientKey",
  l.ip, l.method, l.path, l.status, l.error_code AS "errorCode", l.duration_ms AS "durationMs", l.row_count AS "rowCount",
  l.response_bytes AS "responseBytes", l.cache_hit AS "cacheHit", l.user_agent AS "userAgent", l.params,
  CASE WHEN a.id IS NULL THEN NULL ELSE a.method || ' /' || a.path END AS "apiDisplay", c.name AS "clientName"`;
const FROM = `FROM access_log l LEFT JOIN api a ON a.id = l.api_id LEFT JOIN app_client c ON c.id = l.client_id`;

/** WHERE clause and bound values for the DESIGN §8 filters; every value is bound. */
export function accessLogWhere(f: AccessLogFiltersDto): { where: string; values: unknown[] } {
  const clauses: string[] = [];
  const values: unknown[] = [];
  const bind = (v: unknown) => `$${values.push(v)}`;
  if (f.apiId) clauses.push(`l.api_id = ${bind(f.apiId)}`);
  if (f.moduleId) clauses.push(`l.module_id = ${bind(f.moduleId)}`);
  if (f.groupId) clauses.push(`l.api_id IN (SELECT api_id FROM api_group_api WHERE group_id = ${bind(f.groupId)})`);
  if (f.clientId) clauses.push(`l.client_id = ${bind(f.clientId)}`);
  if (f.status === 'success') clauses.push('l.status < 400');
  else if (f.status === 'fail') clauses.push('l.status >= 400');
  else if (f.status) clauses.push(`l.status = ${bind(Number(f.status))}`);
  if (f.method) clauses.push(`l.method = ${bind(f.method)}`);
  if (f.path) clauses.push(`l.path ILIKE ${bind(`%${f.path.replace(/[\\%_]/g, '\\$&')}%`)}`);
  if (f.ip) clauses.push(`l.ip = ${bind(f.ip)}`);
  if (f.from) clauses.push(`l.created_at >= ${bind(new Date(f.from))}`);
  if (f.to) clauses.push(`l.created_at <= ${bind(new Date(f.to))}`);
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', values };
}

@Injectable()
export class AccessLogSearchRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async page(f: AccessLogFiltersDto, page: number, pageSize: number): Promise<{ items: AccessLogResponseDto[]; total: number }> {
    const { where, values } = accessLogWhere(f);
    const n = values.length;
    const [items, [{ total }]] = await Promise.all([
      this.db.query(`${SELECT} ${FROM} ${where} ORDER BY l.created_at DESC, l.id DESC LIMIT $${n + 1} OFFSET $${n + 2}`, [...values, pageSize, (page - 1) * pageSize]),
      this.db.query(`SELECT count(*)::int AS total FROM (SELECT 1 ${FROM} ${where} LIMIT ${COUNT_CAP + 1}) t`, values),
    ]);
    return { items, total };
  }

  async byId(id: string): Promise<AccessLogResponseDto | null> {
    const rows = await this.db.query(`${SELECT}, l.request_body AS "requestBody" ${FROM} WHERE l.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Newest first, in keyset pages (no OFFSET scans), for the CSV export. */
  async *scan(f: AccessLogFiltersDto, chunk = 5000, max = 1_000_000): AsyncGenerator<AccessLogResponseDto[]> {
    const { where, values } = accessLogWhere(f);
    let cursor: { createdAt: Date; id: string } | null = null;
    for (let sent = 0; sent < max; ) {
      const n = values.length;
      const keyset = cursor ? `${where ? ' AND' : 'WHERE'} (l.created_at, l.id) < ($${n + 1}, $${n + 2}::bigint)` : '';
      const params: unknown[] = cursor ? [...values, cursor.createdAt, cursor.id] : [...values];
      const rows: AccessLogResponseDto[] = await this.db.query(
        `${SELECT} ${FROM} ${where}${keyset} ORDER BY l.created_at DESC, l.id DESC LIMIT ${Math.min(chunk, max - sent)}`,
        params,
      );
      if (!rows.length) return;
      yield rows;
      sent += rows.length;
      const last = rows[rows.length - 1];
      cursor = { createdAt: last.createdAt, id: last.id };
    }
  }
}
