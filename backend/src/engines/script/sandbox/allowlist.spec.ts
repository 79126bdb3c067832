import { describe, expect, it } from 'vitest';
import { blockedAddressReason, HostAllowList } from 'src/engines/script/sandbox/allowlist.js';

describe(HostAllowList.name, () => {
  const list = new HostAllowList(['api.example.com', '*.example.org', 'Trailing.Example.net.'], ['internal.corp']);

  it('should match exact hosts, subdomain wildcards and explicit private hosts', () => {
    expect(list.isAllowed('api.example.com')).toBe(true);
    expect(list.isAllowed('API.EXAMPLE.COM.')).toBe(true);
    expect(list.isAllowed('x.api.example.com')).toBe(false);
    expect(list.isAllowed('a.example.org')).toBe(true);
    expect(list.isAllowed('example.org')).toBe(false);
    expect(list.isAllowed('evilexample.org')).toBe(false);
    expect(list.isAllowed('trailing.example.net')).toBe(true);
    expect(list.isAllowed('internal.corp')).toBe(true);
    expect(list.isPrivateAllowed('internal.corp')).toBe(true);
    expect(list.isPrivateAllowed('api.example.com')).toBe(false);
  });

  it('should allow nothing when empty and any public host with *', () => {
    expect(new HostAllowList([]).isAllowed('example.com')).toBe(false);
    expect(new HostAllowList(['*']).isAllowed('example.com')).toBe(true);
  });
});

describe('blockedAddressReason', () => {
  it.each([
    '127.0.0.1', '10.0.0.1', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255',
    '::1', '::', 'fe80::1', 'fc00::1', 'fd00:ec2::254', 'ff02::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '2002:7f00:1::', '64:ff9b::7f00:1', 'not-an-ip',
  ])('should refuse %s', (address) => {
    expect(blockedAddressReason(address)).not.toBeNull();
  });

  it.each(['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('should allow %s', (address) => {
    expect(blockedAddressReason(address)).toBeNull();
  });

  it('should allow private addresses for an explicit private host, but never metadata unless named literally', () => {
    expect(blockedAddressReason('10.1.2.3', true, 'internal.corp')).toBeNull();
    expect(blockedAddressReason('169.254.169.254', true, 'internal.corp')).toMatch(/metadata/);
    expect(blockedAddressReason('169.254.169.254', true, '169.254.169.254')).toBeNull();
  });
});
