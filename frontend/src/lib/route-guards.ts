import { redirect } from '@tanstack/react-router';
import { can, type PermissionHolder, type ResourceType } from '@/lib/permissions';

/** In a route's beforeLoad: send users without `resource:read` back to the overview. */
export function requireRead(user: PermissionHolder, resource: ResourceType): void {
  if (!can(user, resource, 'read')) throw redirect({ to: '/' });
}
