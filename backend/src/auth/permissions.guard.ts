import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { AppException } from 'src/common/errors/app-exception.js';
import type { AuthUser } from 'src/auth/auth-user.js';
import { authError } from 'src/auth/auth.errors.js';
import { AUTHENTICATED_KEY, PERMISSION_KEY, PUBLIC_KEY, type RequiredPermission } from 'src/auth/permissions.decorator.js';

/**
 * The global guard: every route is either @Public(), @Authenticated() or declares @RequirePermission().
 * A route with none is refused (fail closed). Superusers pass every permission check.
 */
@Injectable()
export class PermissionsGuard extends AuthGuard('dashboard-jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const required = this.reflector.getAllAndOverride<RequiredPermission | undefined>(PERMISSION_KEY, targets);
    if (!required && !this.reflector.getAllAndOverride<boolean>(AUTHENTICATED_KEY, targets)) {
      throw authError('AUTH_ROUTE_UNDECLARED', 'This route declares no permission');
    }
    await super.canActivate(ctx);
    const user = ctx.switchToHttp().getRequest<FastifyRequest & { user: AuthUser }>().user;
    if (required && !user.canSome(required.resourceType, required.action)) {
      throw authError('AUTH_FORBIDDEN', `Missing permission ${required.resourceType}:${required.action}`);
    }
    return true;
  }

  override handleRequest<T>(err: unknown, user: T, info: unknown): T {
    if (err instanceof AppException) throw err;
    if (err || !user) {
      const reason = info instanceof Error && info.name === 'TokenExpiredError' ? 'Session expired; sign in again' : 'Sign in required';
      throw authError('AUTH_UNAUTHENTICATED', reason);
    }
    return user;
  }
}
