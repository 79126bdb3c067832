import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfigService } from 'src/config/app-config.service.js';
import { AuthUser } from 'src/auth/auth-user.js';
import { authError } from 'src/auth/auth.errors.js';
import { AuthRepository } from 'src/auth/auth.repository.js';
import { SESSION_AUDIENCE, SESSION_COOKIE, SESSION_ISSUER, sessionSigningKey, type SessionClaims } from 'src/auth/session-token.js';

const fromCookie = (req: FastifyRequest) => (req.cookies?.[SESSION_COOKIE] as string | undefined) ?? null;

/**
 * Dashboard sessions: the httpOnly cookie or `Authorization: Bearer`. Only HS256 tokens with the
 * dashboard audience pass, so gateway client tokens (EdDSA, another audience) are refused here.
 */
@Injectable()
export class DashboardJwtStrategy extends PassportStrategy(Strategy, 'dashboard-jwt') {
  constructor(
    config: AppConfigService,
    private readonly repo: AuthRepository,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromExtractors([ExtractJwt.fromAuthHeaderAsBearerToken(), fromCookie as never]),
      secretOrKey: sessionSigningKey(config.get('appSecret')!) as never,
      algorithms: ['HS256'],
      audience: SESSION_AUDIENCE,
      issuer: SESSION_ISSUER,
      ignoreExpiration: false,
    });
  }

  async validate(claims: SessionClaims): Promise<AuthUser> {
    if (claims.typ !== 'dashboard' || !claims.sid) throw authError('AUTH_UNAUTHENTICATED', 'Not a dashboard session token');
    const row = await this.repo.findSessionUser(claims.sid);
    if (!row || row.userId !== claims.sub || row.revokedAt || row.expiresAt.getTime() < Date.now() || !row.isActive) {
      throw authError('AUTH_UNAUTHENTICATED', 'Session ended; sign in again');
    }
    const grants = row.isSuperuser ? [] : await this.repo.grantsOf(row.userId);
    return new AuthUser(row.userId, row.email, row.name, row.isSuperuser, claims.sid, grants);
  }
}
