import { describe, expect, it } from 'vitest';
import { isCidrOrAddress } from 'src/clients/dto/cidr.validator.js';

describe('isCidrOrAddress', () => {
  it.each(['10.0.0.0/8', '0.0.0.0/0', '203.0.113.7', '203.0.113.7/32', '::1', '::/0', '2001:db8::/32', 'fe80::1', '::ffff:10.0.0.1', '2001:db8::1/128'])(
    'should accept %s',
    (value) => expect(isCidrOrAddress(value)).toBe(true),
  );

  it.each(['10.0.0.0/33', '::1/129', '1.2.3', '10', '0x0a000001', '256.1.1.1', '10.0.0.1/', '10.0.0.1/8/1', '10.0.0.1/-1', 'localhost', '', ' 10.0.0.1', 'fe80::1%eth0', 42, null])(
    'should refuse %s',
    (value) => expect(isCidrOrAddress(value)).toBe(false),
  );
});
