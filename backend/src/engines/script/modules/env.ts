/**
 * `env.get(name, fallback)` reads only the admin's allow-list: the engine receives a name → value map and
 * copies nothing else into the isolate. Returns a null-prototype copy with string values only.
 */
export function envAllowList(env: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(env ?? {})) {
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && typeof value === 'string') out[name] = value;
  }
  return out;
}
