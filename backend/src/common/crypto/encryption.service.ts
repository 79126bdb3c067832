import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

interface Key {
  id: string;
  key: Buffer;
}

/**
 * AES-256-GCM for secrets at rest (data-source passwords, signing keys). The output names the key id,
 * `v1:<kid>:<iv>:<tag>:<ciphertext>`, so ENCRYPTION_KEY can list a new current key first and keep old ones
 * for decryption until everything is re-encrypted.
 */
export class EncryptionService {
  private readonly byId: Map<string, Buffer>;
  private readonly current: Key;

  constructor(keys: Key[]) {
    if (!keys.length) throw new Error('EncryptionService needs at least one key');
    this.current = keys[0];
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', this.current.id, iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':');
  }

  decrypt(payload: string): string {
    const [version, kid, iv, tag, data] = payload.split(':');
    const key = this.byId.get(kid);
    if (version !== 'v1' || !key) throw new Error(`Cannot decrypt: unknown key id "${kid}"`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
  }

  /** The key id a stored payload was encrypted with (to find rows needing re-encryption). */
  static keyIdOf(payload: string): string {
    return payload.split(':')[1];
  }
}
