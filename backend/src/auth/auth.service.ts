import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import jwt from 'jsonwebtoken';
import { AuditService } from 'src/audit/audit.service.js';
import { AuthUser } from 'src/auth/auth-user.js';
import { authError } from 'src/auth/auth.errors.js';
import { AuthRepository } from 'src/auth/auth.repository.js';
import type { LoginResponseDto, MeResponseDto } from 'src/auth/dto/me-response.dto.js';
import { SESSION_AUDIENCE, SESSION_ISSUER, sessionSigningKey } from 'src/auth/session-token.js';
import { dummySecretHash, hashSecret, verifySecret } from 'src/common/crypto/password.js';
import { REDIS } from 'src/common/redis/redis.module.js';
import { FailureCounter } from 'src/common/throttle/failure-counter.js';
import { AppConfigService } from 'src/config/app-config.service.js';

export interface LoginContext {
  ip: string | null;
  userAgent: string | null;
}

@Injectable()
export class AuthService {
  private readonly failures: FailureCounter;
  private readonly key;

  constructor(
    private readonly repo: AuthRepository,
    private readonly audit: AuditService,
    private readonly config: AppConfigService,
    @Inject(REDIS) redis: Redis | null,
  ) {
    this.failures = new FailureCounter(redis, config.get('loginThrottleWindowSeconds'), 'qg:login-fail:');
    this.key = sessionSigningKey(config.get('appSecret')!);
  }

  async login(email: string, password: string, ctx: LoginContext): Promise<LoginResponseDto> {
    const account = `acct:${email.toLowerCase()}`;
    const ip = `ip:${ctx.ip ?? 'unknown'}`;
    await this.refuseWhenThrottled(account, ip);

    const user = await this.repo.findUserWithHash(email);
    const ok = await verifySecret(password, user?.passwordHash ?? (await dummySecretHash()));
    if (!user || !ok || !user.isActive) {
      await Promise.all([this.failures.hit(account), this.failures.hit(ip)]);
      await this.audit.record({ actor: null, action: 'auth.login_failed', resourceType: 'user', resourceId: user?.id, summary: { email } });
      throw authError('AUTH_INVALID_CREDENTIALS', 'Wrong email or password');
    }
    await this.failures.reset(account);

    const ttl = this.config.get('sessionTtlSeconds');
    const session = await this.repo.createSession(user.id, ttl, ctx.ip, ctx.userAgent);
    const accessToken = jwt.sign({ sid: session.id, typ: 'dashboard' }, this.key, {
      algorithm: 'HS256',
      subject: user.id,
      audience: SESSION_AUDIENCE,
      issuer: SESSION_ISSUER,
      expiresIn: ttl,
    });
    const grants = user.isSuperuser ? [] : await this.repo.grantsOf(user.id);
    const me = this.me(new AuthUser(user.id, user.email, user.name, user.isSuperuser, session.id, grants));
    await this.audit.record({ actor: { id: user.id, email: user.email }, action: 'auth.login', resourceType: 'user', resourceId: user.id });
    return { accessToken, tokenType: 'Bearer', expiresIn: ttl, user: me };
  }

  private async refuseWhenThrottled(account: string, ip: string): Promise<void> {
    const [a, i] = await Promise.all([this.failures.peek(account), this.failures.peek(ip)]);
    const blocked =
      a.count >= this.config.get('loginMaxFailuresPerAccount') ? a : i.count >= this.config.get('loginMaxFailuresPerIp') ? i : null;
    if (blocked) {
      throw authError('AUTH_THROTTLED', `Too many failed sign-ins; try again in ${blocked.retryAfterSeconds} s`, [
        { message: 'throttled', retryAfterSeconds: blocked.retryAfterSeconds },
      ]);
    }
  }

  async logout(user: AuthUser): Promise<void> {
    await this.repo.revokeSession(user.sessionId);
    await this.audit.record({ actor: user, action: 'auth.logout', resourceType: 'user', resourceId: user.id });
  }

  me(user: AuthUser): MeResponseDto {
    return { id: user.id, email: user.email, name: user.name, isActive: true, isSuperuser: user.isSuperuser, permissions: user.permissions };
  }

  async updateProfile(user: AuthUser, name: string): Promise<MeResponseDto> {
    await this.repo.updateName(user.id, name);
    await this.audit.record({ actor: user, action: 'user.update', resourceType: 'user', resourceId: user.id, summary: { name } });
    return { ...this.me(user), name };
  }

  /** Changes the password and ends every other session of the user. */
  async changePassword(user: AuthUser, currentPassword: string, newPassword: string): Promise<void> {
    const row = await this.repo.findUserHashById(user.id);
    if (!row || !(await verifySecret(currentPassword, row.passwordHash))) {
      throw authError('AUTH_WRONG_PASSWORD', 'The current password is wrong', [{ field: 'currentPassword', message: 'wrong password' }]);
    }
    await this.repo.updatePassword(user.id, await hashSecret(newPassword));
    await this.repo.revokeUserSessions(user.id, user.sessionId);
    await this.audit.record({ actor: user, action: 'auth.password_change', resourceType: 'user', resourceId: user.id });
  }
}
