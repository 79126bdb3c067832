/**
 * The external envelope (DESIGN §3, a product contract): `{success, message, data, ...extras}`, with
 * `code` and, for bad parameters, `errors` on failures. Shared by the gateway, the test console and the
 * streaming formats; nothing else shapes what API callers receive.
 */
export interface GatewayEnvelope {
  success: boolean;
  message: string | null;
  data: unknown[];
  [extra: string]: unknown;
}

export interface EnvelopeParamError {
  param: string;
  message: string;
}

export function successEnvelope(data: unknown[], extras?: Record<string, unknown>, truncated = false): GatewayEnvelope {
  const envelope: GatewayEnvelope = { success: true, message: null, data };
  if (extras) for (const [k, v] of Object.entries(extras)) if (k !== 'success' && k !== 'message' && k !== 'data') envelope[k] = v;
  if (truncated) envelope.truncated = true;
  return envelope;
}

export function errorEnvelope(code: string, message: string, errors?: EnvelopeParamError[]): GatewayEnvelope {
  const envelope: GatewayEnvelope = { success: false, message, data: [], code };
  if (errors?.length) envelope.errors = errors;
  return envelope;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * pyDBAPI's SQL normalisation of a transform's output (`{data: [stmt1, …]}` in): an object with `data`
 * → success envelope whose `data` is unwrapped when it is one list of rows, other keys kept as extras;
 * a list → `data`; anything else → `[value]`.
 */
export function normalizeSqlTransformResult(value: unknown): GatewayEnvelope {
  if (isPlainObject(value) && Object.hasOwn(value, 'data')) {
    let data = value.data;
    if (Array.isArray(data) && data.length === 1 && Array.isArray(data[0])) data = data[0];
    const { data: _data, success: _s, message: _m, ...extras } = value;
    return successEnvelope(Array.isArray(data) ? data : data === undefined || data === null ? [] : [data], extras);
  }
  if (Array.isArray(value)) return successEnvelope(value);
  return successEnvelope(value === undefined || value === null ? [] : [value]);
}

/** Caps the top-level `data` list (row cap applied after a transform or a script), flagging `truncated`. */
export function capEnvelope(envelope: GatewayEnvelope, maxRows: number): GatewayEnvelope {
  if (maxRows > 0 && envelope.data.length > maxRows) {
    envelope.data = envelope.data.slice(0, maxRows);
    envelope.truncated = true;
  }
  return envelope;
}

const snakeToCamel = (key: string) => (key.includes('_') ? key.replace(/_+([a-z0-9])/g, (_, c: string) => c.toUpperCase()) : key);

/** `?naming=camel`: every object key, rows included, snake_case → camelCase (recursively). */
export function camelizeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelizeKeys);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      Object.defineProperty(out, snakeToCamel(k), { value: camelizeKeys(v), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}
