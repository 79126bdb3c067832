import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { SigningKeyEntity } from 'src/tokens/signing-key.entity.js';

/** Serialises key creation and rotation across instances (and the rotate command). */
const KEY_LOCK_ID = 7_262_173_121;

export type SigningKeyRow = SigningKeyEntity & { privateKeyEncrypted: string };

@Injectable()
export class SigningKeysRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Runs `fn` in a transaction holding the signing-key lock. */
  locked<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [KEY_LOCK_ID]);
      return fn(m);
    });
  }

  /** Keys still useful for verification: active, or retired after `retiredSince`. Newest first. */
  usable(retiredSince: Date, m: EntityManager = this.db.manager): Promise<SigningKeyRow[]> {
    return m
      .getRepository(SigningKeyEntity)
      .createQueryBuilder('k')
      .addSelect('k.privateKeyEncrypted')
      .where('k.retiredAt IS NULL OR k.retiredAt > :since', { since: retiredSince })
      .orderBy('k.createdAt', 'DESC')
      .getMany() as Promise<SigningKeyRow[]>;
  }

  async activeCount(m: EntityManager): Promise<number> {
    return m.getRepository(SigningKeyEntity).createQueryBuilder('k').where('k.retiredAt IS NULL').getCount();
  }

  async retireActive(m: EntityManager): Promise<void> {
    await m.query('UPDATE signing_key SET retired_at = now() WHERE retired_at IS NULL');
  }

  async insert(row: Omit<SigningKeyRow, 'createdAt' | 'retiredAt'>, m: EntityManager): Promise<void> {
    await m.getRepository(SigningKeyEntity).insert(row);
  }
}
