import type { AccessLogRecord } from 'src/access-logs/access-log-record.js';

export type { AccessLogRecord } from 'src/access-logs/access-log-record.js';

/**
 * Where the gateway hands one record per call (rejections included); `write` never blocks and never
 * throws. Bound to the access-logs feature's batched `AccessLogWriter`.
 */
export abstract class AccessLogSink {
  abstract write(record: AccessLogRecord): void;
}
