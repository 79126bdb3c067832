import type { ApiScope } from 'src/apis/apis.repository.js';
import type { AuthUser } from 'src/auth/auth-user.js';
import { authError } from 'src/auth/auth.errors.js';
import type { Action } from 'src/roles/permission.entity.js';

/**
 * Object-level permissions on APIs (docs/publishing.md): a user may do `action` on an API when they hold
 * `api:<action>` type-wide, `api:<action>` on that API's id, or `api_module:<action>` on the API's module
 * (a module grant covers every API in it, present and future). Routes are reached with any `api:<action>` grant.
 */
export function canOnApi(user: AuthUser, action: Action, api: { id?: string; moduleId: string }): boolean {
  return user.can('api', action, api.id) || user.can('api_module', action, api.moduleId);
}

export function assertCanOnApi(user: AuthUser, action: Action, api: { id?: string; moduleId: string }): void {
  if (!canOnApi(user, action, api)) throw authError('AUTH_FORBIDDEN', `Missing permission api:${action}${api.id ? ` on API ${api.id}` : ` in module ${api.moduleId}`}`);
}

/** What a list shows: null = all APIs; otherwise the APIs and modules the user holds object grants on. */
export function apiScope(user: AuthUser, action: Action): ApiScope | null {
  const apiIds = user.objectIds('api', action);
  if (apiIds === null) return null;
  return { apiIds, moduleIds: user.objectIds('api_module', action) ?? [] };
}
