import ipaddr from 'ipaddr.js';

/**
 * The one place that says what user code can reach (STYLE §8.8, Kong's sandbox allowlist).
 * Everything else — require, import(), process, timers, fetch, host objects — simply does not exist in the
 * isolate. The bootstrap (sandbox/bootstrap.ts) installs exactly these globals, and the host dispatcher
 * refuses every operation not listed for the kind of code being run.
 */
export type SandboxKind = 'script' | 'validate' | 'transform';

export const SANDBOX_GLOBALS: Record<SandboxKind, readonly string[]> = {
  script: ['params', 'ctx', 'ds', 'db', 'tx', 'http', 'cache', 'env', 'log'],
  validate: ['params', 'env', 'log'],
  transform: ['params', 'env', 'log'],
};

export const SANDBOX_HOST_OPS: Record<SandboxKind, readonly string[]> = {
  script: ['db.query', 'db.queryOne', 'db.execute', 'tx.begin', 'tx.commit', 'tx.rollback', 'http', 'cache.get', 'cache.set', 'cache.del', 'cache.incr', 'log'],
  validate: ['log'],
  transform: ['log'],
};

/** Standard ECMAScript globals we remove from every context: shared memory and blocking waits serve no script. */
export const REMOVED_GLOBALS = ['SharedArrayBuffer', 'Atomics', 'WebAssembly'] as const;

/** Cloud metadata endpoints: refused even for an explicitly allow-listed private host, unless that host is the literal address. */
const METADATA_ADDRESSES = new Set(['169.254.169.254', 'fd00:ec2::254', '100.100.100.200', '169.254.170.2']);

/**
 * The admin's HTTP allow-list. `allowHosts` entries are exact host names / IP literals, `*.domain`
 * (subdomains only, not the domain itself) or `*` (any public host). `allowPrivateHosts` lists exact hosts
 * whose addresses may be private (loopback, RFC 1918, CGNAT, link-local…): the only way to reach an internal
 * service. Matching is case-insensitive and ignores a trailing dot.
 */
export class HostAllowList {
  private readonly exact = new Set<string>();
  private readonly suffixes: string[] = [];
  private readonly any: boolean;
  private readonly privateHosts: Set<string>;

  constructor(allowHosts: readonly string[], allowPrivateHosts: readonly string[] = []) {
    let any = false;
    for (const raw of allowHosts) {
      const entry = normalizeHost(raw);
      if (!entry) continue;
      if (entry === '*') any = true;
      else if (entry.startsWith('*.')) this.suffixes.push(entry.slice(1));
      else this.exact.add(entry);
    }
    this.any = any;
    this.privateHosts = new Set(allowPrivateHosts.map(normalizeHost).filter(Boolean));
    for (const h of this.privateHosts) this.exact.add(h);
  }

  isAllowed(host: string): boolean {
    const h = normalizeHost(host);
    return this.any || this.exact.has(h) || this.suffixes.some((s) => h.endsWith(s) && h.length > s.length);
  }

  isPrivateAllowed(host: string): boolean {
    return this.privateHosts.has(normalizeHost(host));
  }
}

export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (h.endsWith('.')) h = h.slice(0, -1);
  return h;
}

/**
 * Why an address must not be contacted, or null when it is a public unicast address. IPv4-mapped IPv6
 * (`::ffff:127.0.0.1`) is judged as the IPv4 it carries; 6to4, NAT64 and Teredo (which embed IPv4) are
 * refused outright, as is anything ipaddr.js does not classify as plain unicast.
 */
export function blockedAddressReason(address: string, privateAllowed = false, literalHost = ''): string | null {
  if (!ipaddr.isValid(address)) return `"${address}" is not an IP address`;
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  const normalized = ip.toString();
  if (METADATA_ADDRESSES.has(normalized) && normalizeHost(literalHost) !== normalized) return `${normalized} is a cloud metadata address`;
  const range = ip.range();
  if (range === 'unicast' || privateAllowed) return null;
  return `${normalized} is in a ${range} range`;
}
