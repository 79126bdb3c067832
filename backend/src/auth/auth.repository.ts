import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { GrantRow } from 'src/auth/auth-user.js';
import { UserSessionEntity } from 'src/auth/user-session.entity.js';
import { UserEntity } from 'src/users/user.entity.js';

export interface SessionUserRow {
  userId: string;
  email: string;
  name: string;
  isActive: boolean;
  isSuperuser: boolean;
  expiresAt: Date;
  revokedAt: Date | null;
}

@Injectable()
export class AuthRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findUserWithHash(email: string): Promise<UserEntity | null> {
    return this.db
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
  }

  findUserHashById(id: string): Promise<UserEntity | null> {
    return this.db.getRepository(UserEntity).createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id', { id }).getOne();
  }

  async createSession(userId: string, ttlSeconds: number, ip: string | null, userAgent: string | null): Promise<UserSessionEntity> {
    const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
    return this.db.getRepository(UserSessionEntity).save({ userId, expiresAt, ip, userAgent: userAgent?.slice(0, 512) ?? null, revokedAt: null });
  }

  async findSessionUser(sessionId: string): Promise<SessionUserRow | null> {
    const rows: SessionUserRow[] = await this.db.query(
      `SELECT u.id AS "userId", u.email, u.name, u.is_active AS "isActive", u.is_superuser AS "isSuperuser",
              s.expires_at AS "expiresAt", s.revoked_at AS "revokedAt"
         FROM user_session s JOIN app_user u ON u.id = s.user_id WHERE s.id = $1`,
      [sessionId],
    );
    return rows[0] ?? null;
  }

  grantsOf(userId: string): Promise<GrantRow[]> {
    return this.db.query(
      `SELECT DISTINCT p.resource_type AS "resourceType", p.action, p.resource_id AS "resourceId"
         FROM user_role ur JOIN role_permission rp ON rp.role_id = ur.role_id JOIN permission p ON p.id = rp.permission_id
        WHERE ur.user_id = $1`,
      [userId],
    );
  }

  async revokeSession(sessionId: string): Promise<void> {
    await this.db.query(`UPDATE user_session SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [sessionId]);
  }

  /** Revokes every live session of a user, except `keep` (password change, deactivation). */
  async revokeUserSessions(userId: string, keep?: string): Promise<void> {
    await this.db.query(
      `UPDATE user_session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR id <> $2::uuid)`,
      [userId, keep ?? null],
    );
  }

  async updatePassword(userId: string, passwordHash: string): Promise<void> {
    await this.db.getRepository(UserEntity).update({ id: userId }, { passwordHash, passwordChangedAt: new Date() });
  }

  async updateName(userId: string, name: string): Promise<void> {
    await this.db.getRepository(UserEntity).update({ id: userId }, { name });
  }

  /** Drops sessions that ended more than a day ago. */
  async purgeEndedSessions(): Promise<void> {
    await this.db.query(`DELETE FROM user_session WHERE expires_at < now() - interval '1 day' OR revoked_at < now() - interval '1 day'`);
  }
}
