import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EncryptionService } from 'src/common/crypto/encryption.service.js';
import { hashSecret, verifySecret } from 'src/common/crypto/password.js';

describe('hashSecret', () => {
  it('should verify the right secret only and never store it in clear', async () => {
    const hash = await hashSecret('correct horse');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(hash).not.toContain('correct');
    expect(await verifySecret('correct horse', hash)).toBe(true);
    expect(await verifySecret('correct hors', hash)).toBe(false);
    expect(await verifySecret('x', 'garbage')).toBe(false);
  });
});

describe(EncryptionService.name, () => {
  const k1 = { id: 'k1', key: randomBytes(32) };
  const k2 = { id: 'k2', key: randomBytes(32) };

  it('should round-trip and name the key it used', () => {
    const enc = new EncryptionService([k1]);
    const payload = enc.encrypt('s3cret');
    expect(payload).not.toContain('s3cret');
    expect(EncryptionService.keyIdOf(payload)).toBe('k1');
    expect(enc.decrypt(payload)).toBe('s3cret');
  });

  it('should decrypt old payloads after rotation and refuse tampering', () => {
    const old = new EncryptionService([k1]).encrypt('pw');
    const rotated = new EncryptionService([k2, k1]);
    expect(rotated.decrypt(old)).toBe('pw');
    expect(EncryptionService.keyIdOf(rotated.encrypt('pw'))).toBe('k2');
    const parts = old.split(':');
    parts[4] = Buffer.from('tampered').toString('base64');
    expect(() => rotated.decrypt(parts.join(':'))).toThrow();
    expect(() => new EncryptionService([k2]).decrypt(old)).toThrow(/unknown key id/);
  });
});
