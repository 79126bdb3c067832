export const resourceTypes = ['datasource', 'api_module', 'api', 'macro', 'group', 'client', 'access_log', 'overview', 'user', 'role'] as const;
export const permissionActions = ['read', 'create', 'update', 'delete', 'execute'] as const;

export type ResourceType = (typeof resourceTypes)[number];
export type PermissionAction = (typeof permissionActions)[number];

export const resourceTypeLabels: Record<ResourceType, string> = {
  datasource: 'Data sources',
  api_module: 'Modules',
  api: 'APIs',
  macro: 'Macros',
  group: 'Groups',
  client: 'Clients',
  access_log: 'Access logs',
  overview: 'Overview',
  user: 'Users',
  role: 'Roles',
};

export interface PermissionHolder {
  isSuperuser: boolean;
  permissions: string[];
}

/**
 * True when the user holds `resource:action` globally or for at least one object
 * (`resource:action:<id>`). Superusers hold everything.
 */
export function can(user: PermissionHolder | undefined, resource: ResourceType, action: PermissionAction): boolean {
  if (!user) return false;
  if (user.isSuperuser) return true;
  const key = `${resource}:${action}`;
  return user.permissions.some((p) => p === key || p.startsWith(`${key}:`));
}
