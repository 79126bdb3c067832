import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Action, ResourceType } from 'src/roles/permission.entity.js';
import type { AuthUser } from 'src/auth/auth-user.js';

export const PERMISSION_KEY = 'qg:permission';
export const PUBLIC_KEY = 'qg:public';
export const AUTHENTICATED_KEY = 'qg:authenticated';

export interface RequiredPermission {
  resourceType: ResourceType;
  action: Action;
}

/** Every management route declares the permission it needs (a test fails on a route without one). */
export const RequirePermission = (resourceType: ResourceType, action: Action) =>
  SetMetadata(PERMISSION_KEY, { resourceType, action } satisfies RequiredPermission);

/** Open to anyone (login, health, metrics, the gateway, which authenticates its own clients). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Any signed-in user, whatever their permissions (their own profile, logout). */
export const Authenticated = () => SetMetadata(AUTHENTICATED_KEY, true);

export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest<FastifyRequest & { user: AuthUser }>().user,
);
