/** The gateway envelope (DESIGN §3): `{success, message, data, ...extras}`. */
export interface GatewayEnvelope {
  success: boolean;
  message: string | null;
  data: unknown[];
  [extra: string]: unknown;
}

export interface NormalizedScriptResult {
  envelope: GatewayEnvelope;
  /** 200, or the `status` (400–599) of a `success:false` envelope; 400 when such an envelope names none. */
  httpStatus: number;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const listify = (data: unknown): unknown[] => (data === undefined || data === null ? [] : Array.isArray(data) ? data : [data]);

/** Copies own keys except the named ones; `__proto__` stays an own data key and never changes a prototype. */
function extrasOf(value: Record<string, unknown>, skip: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (!skip.includes(k)) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * pyDBAPI's SCRIPT-engine normalisation (spec §2.8), with the fix that a failure may carry an HTTP status:
 * - an object with a boolean `success` is an envelope, used as is (`data` listified, extras kept); when
 *   `success` is false, an integer `status` in 400..599 becomes the HTTP status and leaves the body;
 * - an object with `data` becomes a success envelope that keeps its other keys as extras;
 * - an array becomes `data`; any other value is wrapped as `data: [value]`; nothing gives `data: []`.
 */
export function normalizeScriptResult(value: unknown): NormalizedScriptResult {
  if (isPlainObject(value) && typeof value.success === 'boolean') {
    const failed = value.success === false;
    const status = value.status;
    const validStatus = failed && Number.isInteger(status) && (status as number) >= 400 && (status as number) <= 599;
    const extras = extrasOf(value, failed ? ['success', 'message', 'data', 'status'] : ['success', 'message', 'data']);
    return {
      envelope: { success: value.success, message: messageOf(value.message), data: listify(value.data), ...extras },
      httpStatus: failed ? (validStatus ? (status as number) : 400) : 200,
    };
  }
  if (isPlainObject(value) && Object.hasOwn(value, 'data')) {
    const extras = extrasOf(value, ['success', 'message', 'data']);
    return { envelope: { success: true, message: messageOf(value.message), data: listify(value.data), ...extras }, httpStatus: 200 };
  }
  return { envelope: { success: true, message: null, data: listify(value) }, httpStatus: 200 };
}

function messageOf(message: unknown): string | null {
  if (message === undefined || message === null) return null;
  return typeof message === 'string' ? message : JSON.stringify(message);
}
