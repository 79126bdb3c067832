/** A published route as the matcher sees it. */
export interface RouteEntry<T> {
  method: string;
  /** Path without leading/trailing slashes, `{name}` segments capture one segment. */
  path: string;
  value: T;
}

export interface RouteMatch<T> {
  value: T;
  params: Record<string, string>;
}

interface DynamicRoute<T> {
  re: RegExp;
  names: string[];
  value: T;
}

const PARAM_RE = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Strips slashes at both ends (trailing slashes are ignored by the gateway). */
export const normalizePath = (path: string) => {
  let start = 0;
  let end = path.length;
  while (start < end && path.charCodeAt(start) === 47) start++;
  while (end > start && path.charCodeAt(end - 1) === 47) end--;
  return start === 0 && end === path.length ? path : path.slice(start, end);
};

/**
 * Precompiled `(method, path)` matcher: one map lookup for static paths, then the method's parameterised
 * routes in catalogue order; a static path always beats a parameterised one.
 */
export class RouteMatcher<T> {
  private readonly statics = new Map<string, T>();
  private readonly dynamics = new Map<string, DynamicRoute<T>[]>();
  /** Paths known for any method: tells 404-wrong-method from CORS preflights. */
  private readonly all: RouteEntry<T>[];

  constructor(entries: RouteEntry<T>[]) {
    this.all = entries;
    for (const e of entries) {
      const path = normalizePath(e.path);
      if (!path.includes('{')) {
        this.statics.set(`${e.method} ${path}`, e.value);
        continue;
      }
      const names: string[] = [];
      const pattern = path
        .split('/')
        .map((seg) => {
          let last = 0;
          let out = '';
          for (const m of seg.matchAll(PARAM_RE)) {
            out += escapeRe(seg.slice(last, m.index)) + '([^/]+)';
            names.push(m[1]);
            last = m.index + m[0].length;
          }
          return out + escapeRe(seg.slice(last));
        })
        .join('/');
      const list = this.dynamics.get(e.method) ?? [];
      list.push({ re: new RegExp(`^${pattern}$`), names, value: e.value });
      this.dynamics.set(e.method, list);
    }
  }

  match(method: string, rawPath: string): RouteMatch<T> | null {
    const path = normalizePath(rawPath);
    if (!path) return null;
    const hit = this.statics.get(`${method} ${path}`);
    if (hit !== undefined) return { value: hit, params: {} };
    const list = this.dynamics.get(method);
    if (!list) return null;
    for (const route of list) {
      const m = route.re.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      for (let i = 0; i < route.names.length; i++) {
        try {
          params[route.names[i]] = decodeURIComponent(m[i + 1]);
        } catch {
          params[route.names[i]] = m[i + 1];
        }
      }
      return { value: route.value, params };
    }
    return null;
  }

  /** Methods served at a path (CORS preflight). */
  methodsAt(rawPath: string): string[] {
    return ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => this.match(m, rawPath));
  }

  get size(): number {
    return this.all.length;
  }
}
