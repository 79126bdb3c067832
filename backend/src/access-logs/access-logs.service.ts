import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { csvHeader, csvRows } from 'src/access-logs/access-log-csv.js';
import { AccessLogSearchRepository } from 'src/access-logs/access-log-search.repository.js';
import { accessLogError } from 'src/access-logs/access-logs.errors.js';
import type { AccessLogPageDto, AccessLogResponseDto } from 'src/access-logs/dto/access-log-response.dto.js';
import type { AccessLogFiltersDto, ListAccessLogsQueryDto } from 'src/access-logs/dto/list-access-logs-query.dto.js';
import { COUNT_CAP } from 'src/access-logs/access-log-search.repository.js';

@Injectable()
export class AccessLogsService {
  constructor(private readonly search: AccessLogSearchRepository) {}

  async list(query: ListAccessLogsQueryDto): Promise<AccessLogPageDto> {
    const { items, total } = await this.search.page(query, query.page, query.pageSize);
    return { items, total: Math.min(total, COUNT_CAP), totalCapped: total > COUNT_CAP, page: query.page, pageSize: query.pageSize };
  }

  async get(id: string): Promise<AccessLogResponseDto> {
    const row = /^\d{1,18}$/.test(id) ? await this.search.byId(id) : null;
    if (!row) throw accessLogError('ACCESS_LOG_NOT_FOUND', `No access-log entry with id ${id}`);
    return row;
  }

  /** The filtered range as CSV, streamed chunk by chunk with back-pressure. */
  exportCsv(filters: AccessLogFiltersDto): Readable {
    const search = this.search;
    return Readable.from(
      (async function* () {
        yield csvHeader();
        for await (const rows of search.scan(filters)) yield csvRows(rows);
      })(),
    );
  }
}
