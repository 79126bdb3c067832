import { createHash } from 'node:crypto';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { ClientEntity } from 'src/clients/client.entity.js';
import { ClientsRepository } from 'src/clients/clients.repository.js';
import { dummySecretHash, verifySecret } from 'src/common/crypto/password.js';
import { NotificationBus } from 'src/common/notifications/notification-bus.js';

/** How long a successful verification is remembered (scrypt costs ~50 ms; the token endpoint must be fast). */
const CACHE_TTL_MS = 60_000;
const CACHE_MAX = 10_000;

interface CachedVerification {
  client: ClientEntity;
  expiresAt: number;
}

/**
 * Checks a client id + secret. Successful verifications are cached in memory under
 * sha256(clientId, secret) (never the secret itself) for a minute, and dropped on every `client.changed`
 * (deactivation, rotation, update, deletion) on any instance.
 */
@Injectable()
export class ClientCredentialsService implements OnModuleDestroy {
  private readonly cache = new Map<string, CachedVerification>();
  private readonly unsubscribe: () => void;
  /** Bumped on every change, so a verification that raced a change is not cached. */
  private generation = 0;

  constructor(
    private readonly repo: ClientsRepository,
    bus: NotificationBus,
  ) {
    this.unsubscribe = bus.subscribe('client.changed', (message) => this.forget(message.id));
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }

  /** The active client the credentials belong to, or null (unknown id, wrong secret, inactive, grace over). */
  async verify(clientId: string, secret: string): Promise<ClientEntity | null> {
    const key = createHash('sha256').update(clientId).update('\0').update(secret).digest('base64url');
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && hit.expiresAt > now) return hit.client;
    if (hit) this.cache.delete(key);

    const generation = this.generation;
    const row = await this.repo.findWithSecretsByClientId(clientId);
    if (!row) {
      await verifySecret(secret, await dummySecretHash()); // same cost as a known id
      return null;
    }
    let expiresAt = now + CACHE_TTL_MS;
    let ok = await verifySecret(secret, row.secretHash);
    if (!ok && row.previousSecretHash && row.previousSecretExpiresAt && row.previousSecretExpiresAt.getTime() > now) {
      ok = await verifySecret(secret, row.previousSecretHash);
      expiresAt = Math.min(expiresAt, row.previousSecretExpiresAt.getTime());
    }
    if (!ok || !row.isActive) return null;
    const { secretHash: _s, previousSecretHash: _p, ...client } = row;
    if (generation === this.generation) this.remember(key, { client: client as ClientEntity, expiresAt });
    return client as ClientEntity;
  }

  /** Drops cached verifications of one client (by row id), or of all clients when id is null. */
  forget(id: string | null): void {
    this.generation += 1;
    if (id === null) return this.cache.clear();
    for (const [key, entry] of this.cache) if (entry.client.id === id) this.cache.delete(key);
  }

  private remember(key: string, entry: CachedVerification): void {
    if (this.cache.size >= CACHE_MAX) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, entry);
  }
}
