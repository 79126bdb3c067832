/** One gateway call, as the gateway hands it to the access-log writer (columns of `access_log`). */
export interface AccessLogRecord {
  requestId: string;
  createdAt: Date;
  apiId: string | null;
  apiVersionId: string | null;
  moduleId: string | null;
  /** app_client.id (uuid) when the caller authenticated. */
  clientId: string | null;
  /** The public client id the caller presented. */
  clientKey: string | null;
  ip: string | null;
  method: string;
  path: string;
  status: number;
  errorCode: string | null;
  durationMs: number;
  rowCount: number | null;
  responseBytes: number | null;
  cacheHit: boolean;
  userAgent: string | null;
  /** Bound parameters with `sensitive` ones masked; never headers with secrets. */
  params: Record<string, unknown> | null;
  requestBody: string | null;
}

/** Latency bucket upper bounds (ms) of the hourly roll-up; the last bucket is open-ended. */
export const LATENCY_BUCKETS_MS = [1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000, 30000, 60000];

/**
 * The value PostgreSQL stores for `ms` in a real (float4) column when it receives `String(ms)`, as the
 * access-log writer sends it. That is `Math.fround(ms)` except when `ms` lies exactly halfway between two
 * float4 values: PostgreSQL parses the decimal text with strtof, which rounds towards the side the
 * (shortest, so slightly inexact) decimal lies on, whereas Math.fround rounds to even.
 */
export function storedFloat4(ms: number): number {
  const f = Math.fround(ms);
  if (f === ms || !Number.isFinite(f)) return f;
  const other = 2 * ms - f; // the float on the other side when ms is a tie; exact then
  if (Math.fround(other) !== other) return f;
  const side = compareDecimal(String(ms), ms);
  if (side === 0) return f;
  return side > 0 ? Math.max(f, other) : Math.min(f, other);
}

/** The sign of `text` − `value`, computed exactly, where `text` is the decimal `String(value)` of a finite number. */
function compareDecimal(text: string, value: number): number {
  const [, sign, int, frac = '', exp = '0'] = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(text)!;
  let mantissa = Math.abs(value);
  let halvings = 0;
  while (!Number.isInteger(mantissa)) {
    mantissa *= 2;
    halvings++;
  }
  // text = digits·10^pow10 and |value| = mantissa·2^-halvings: compare both scaled to integers.
  const pow10 = Number(exp) - frac.length;
  let lhs = BigInt(int + frac) * 2n ** BigInt(halvings);
  let rhs = BigInt(mantissa);
  if (pow10 >= 0) lhs *= 10n ** BigInt(pow10);
  else rhs *= 10n ** BigInt(-pow10);
  const cmp = lhs > rhs ? 1 : lhs < rhs ? -1 : 0;
  return sign ? -cmp : cmp;
}

/**
 * `width_bucket(ms, LATENCY_BUCKETS_MS)` as PostgreSQL computes it: the number of bounds ≤ ms (0 below the
 * first, LATENCY_BUCKETS_MS.length from the last on; NaN counts as above every bound, as in PostgreSQL).
 */
export function latencyBucket(ms: number): number {
  let lo = 0;
  let hi = LATENCY_BUCKETS_MS.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ms < LATENCY_BUCKETS_MS[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
