/**
 * Gateway path rules (DESIGN §2, docs/publishing.md): paths are stored without leading/trailing slashes,
 * repeated slashes collapsed, case kept. A segment is static ([A-Za-z0-9._~-]+) or a parameter `{name}` with
 * an identifier name capturing one segment. Two routes conflict when their shapes (every `{name}` → `{}`)
 * are equal for the same method; a route is refused when it can match a built-in `/api/...` URL.
 */
export const PATH_PARAM = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/;
const STATIC_SEGMENT = /^[A-Za-z0-9._~-]+$/;

/** Built-in routes under `/api/` with the methods they answer; an API route that can match one is refused. */
export const RESERVED_ROUTES: readonly { path: string; methods: readonly string[] }[] = [
  { path: 'token/generate', methods: ['GET', 'POST'] },
  { path: 'openapi.json', methods: ['GET'] },
];

export interface ParsedPath {
  path: string;
  shape: string;
  params: string[];
}

export type PathResult = { ok: true; value: ParsedPath } | { ok: false; message: string };

export function parseApiPath(raw: string): PathResult {
  const path = raw
    .trim()
    .replace(/\/{2,}/g, '/')
    .replace(/^\/+|\/+$/g, '');
  if (!path) return { ok: false, message: 'path cannot be empty' };
  if (path.length > 500) return { ok: false, message: 'path is longer than 500 characters' };
  const params: string[] = [];
  const shape: string[] = [];
  for (const segment of path.split('/')) {
    const param = PATH_PARAM.exec(segment);
    if (param) {
      if (params.includes(param[1])) return { ok: false, message: `path parameter {${param[1]}} appears twice` };
      params.push(param[1]);
      shape.push('{}');
    } else if (STATIC_SEGMENT.test(segment)) {
      shape.push(segment);
    } else {
      return { ok: false, message: `segment "${segment}" is neither {identifier} nor made of A-Z a-z 0-9 . _ ~ -` };
    }
  }
  return { ok: true, value: { path, shape: shape.join('/'), params } };
}

/** The built-in path this route can match (same method, pattern matches; static segments case-insensitively), or null. */
export function shadowedBuiltIn(shape: string, method: string): string | null {
  const segments = shape.split('/');
  for (const reserved of RESERVED_ROUTES) {
    if (!reserved.methods.includes(method)) continue;
    const parts = reserved.path.split('/');
    if (parts.length === segments.length && parts.every((p, i) => segments[i] === '{}' || segments[i].toLowerCase() === p)) return reserved.path;
  }
  return null;
}
