import type { AccessLogResponseDto } from 'src/access-logs/dto/access-log-response.dto.js';

const COLUMNS: (keyof AccessLogResponseDto)[] = [
  'createdAt',
  'requestId',
  'method',
  'path',
  'status',
  'errorCode',
  'durationMs',
  'rowCount',
  'responseBytes',
  'cacheHit',
  'apiDisplay',
  'apiId',
  'clientName',
  'clientKey',
  'ip',
  'userAgent',
  'params',
];

/** RFC 4180 quoting, and a leading quote on cells a spreadsheet would run as a formula. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvHeader = () => `${COLUMNS.join(',')}\r\n`;
export const csvRows = (rows: AccessLogResponseDto[]) => rows.map((r) => `${COLUMNS.map((c) => csvCell(r[c])).join(',')}\r\n`).join('');
