import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EncryptionService } from 'src/common/crypto/encryption.service.js';
import { NotificationBus } from 'src/common/notifications/notification-bus.js';
import { SigningKeysRepository, type SigningKeyRow } from 'src/tokens/signing-keys.repository.js';
import { MAX_TOKEN_TTL_SECONDS } from 'src/tokens/token-claims.js';

export const SIGNING_ALGORITHM = 'EdDSA';
/** A retired key keeps verifying (and stays in the JWKS) this long: the longest token lifetime plus skew. */
export const RETIRED_KEY_RETENTION_MS = (MAX_TOKEN_TTL_SECONDS + 120) * 1000;
/** Keys are re-read at least this often, in case a change notification was missed. */
const REFRESH_INTERVAL_MS = 60_000;
/** An unknown kid triggers at most one reload per this interval (a key rotated elsewhere). */
const UNKNOWN_KID_RELOAD_MS = 1_000;

export interface PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: typeof SIGNING_ALGORITHM;
  use: 'sig';
}

export interface VerificationKey {
  kid: string;
  key: KeyObject;
  jwk: PublicJwk;
  retiredAt: Date | null;
}

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  /** base64url of the JWT header, computed once per key. */
  encodedHeader: string;
}

/** RFC 7638 thumbprint: sha256 of the required members in lexicographic order. */
const thumbprint = (x: string) => createHash('sha256').update(JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x })).digest('base64url');

/**
 * The gateway's token signing keys: parsed once into KeyObjects and kept in memory, re-read on
 * `signing-key.changed`, periodically, and when a token names a kid this instance does not know yet.
 */
@Injectable()
export class SigningKeysService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('SigningKeys');
  private current: SigningKey | null = null;
  private verifying = new Map<string, VerificationKey>();
  private lastUnknownReload = 0;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly repo: SigningKeysRepository,
    private readonly encryption: EncryptionService,
    private readonly bus: NotificationBus,
  ) {
    this.unsubscribe = bus.subscribe('signing-key.changed', () => void this.reloadInBackground());
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureKey();
    this.timer = setInterval(() => void this.reloadInBackground(), REFRESH_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    this.closed = true;
    this.unsubscribe();
    clearInterval(this.timer);
  }

  /** Creates the first key when no key is active (first start), then loads the keys. */
  async ensureKey(): Promise<void> {
    const created = await this.repo.locked(async (m) => {
      if ((await this.repo.activeCount(m)) > 0) return false;
      await this.repo.insert(this.newKeyRow(), m);
      return true;
    });
    if (created) this.logger.log('Created the first token signing key');
    await this.reload();
  }

  /** A new current key; the old one is retired but keeps verifying until its tokens expire. Returns the new kid. */
  async rotate(): Promise<string> {
    const row = this.newKeyRow();
    await this.repo.locked(async (m) => {
      await this.repo.retireActive(m);
      await this.repo.insert(row, m);
    });
    await this.bus.publish({ topic: 'signing-key.changed', id: row.kid });
    await this.reload();
    return row.kid;
  }

  async reload(): Promise<void> {
    const rows = await this.repo.usable(new Date(Date.now() - RETIRED_KEY_RETENTION_MS));
    const verifying = new Map<string, VerificationKey>();
    for (const row of rows) verifying.set(row.kid, { kid: row.kid, key: createPublicKey({ key: row.publicJwk, format: 'jwk' }), jwk: this.jwkOf(row), retiredAt: row.retiredAt });
    const active = rows.find((r) => r.retiredAt === null);
    this.current = active ? this.signingKeyOf(active) : null;
    this.verifying = verifying;
  }

  private async reloadInBackground(): Promise<void> {
    if (this.closed) return;
    await this.reload().catch((e: unknown) => {
      if (!this.closed) this.logger.warn(`Reloading signing keys failed: ${e instanceof Error ? e.message : String(e)}`);
    });
  }

  /** The key that signs new tokens. */
  signingKey(): SigningKey {
    if (!this.current) throw new Error('No active token signing key (the app has not finished starting)');
    return this.current;
  }

  /** The public key for a kid, or undefined; an unknown kid reloads the keys (at most once a second). */
  async verificationKey(kid: string): Promise<VerificationKey | undefined> {
    const known = this.usableKey(kid);
    if (known || Date.now() - this.lastUnknownReload < UNKNOWN_KID_RELOAD_MS) return known;
    this.lastUnknownReload = Date.now();
    await this.reload();
    return this.usableKey(kid);
  }

  /** The JWKS: active keys and retired keys whose tokens may still be valid. */
  jwks(): { keys: PublicJwk[] } {
    return { keys: [...this.verifying.values()].filter((k) => this.stillUsable(k)).map((k) => k.jwk) };
  }

  /** Whether a kid still verifies, without reloading (the gateway's cached-token check). */
  isUsable(kid: string): boolean {
    return this.usableKey(kid) !== undefined;
  }

  private usableKey(kid: string): VerificationKey | undefined {
    const key = this.verifying.get(kid);
    return key && this.stillUsable(key) ? key : undefined;
  }

  private stillUsable(key: VerificationKey): boolean {
    return key.retiredAt === null || key.retiredAt.getTime() + RETIRED_KEY_RETENTION_MS > Date.now();
  }

  private jwkOf(row: SigningKeyRow): PublicJwk {
    return { kty: 'OKP', crv: 'Ed25519', x: row.publicJwk.x, kid: row.kid, alg: SIGNING_ALGORITHM, use: 'sig' };
  }

  private signingKeyOf(row: SigningKeyRow): SigningKey {
    const privateKey = createPrivateKey({ key: this.encryption.decrypt(row.privateKeyEncrypted), format: 'pem' });
    const encodedHeader = Buffer.from(JSON.stringify({ alg: SIGNING_ALGORITHM, kid: row.kid, typ: 'JWT' })).toString('base64url');
    return { kid: row.kid, privateKey, encodedHeader };
  }

  private newKeyRow(): Omit<SigningKeyRow, 'createdAt' | 'retiredAt'> {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const x = (publicKey.export({ format: 'jwk' }) as { x: string }).x;
    const kid = thumbprint(x);
    return {
      kid,
      algorithm: SIGNING_ALGORITHM,
      publicJwk: { kty: 'OKP', crv: 'Ed25519', x },
      privateKeyEncrypted: this.encryption.encrypt(privateKey.export({ format: 'pem', type: 'pkcs8' }) as string),
    };
  }
}
