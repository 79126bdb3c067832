import { can, type PermissionHolder, type ResourceType } from '@/lib/permissions';

export interface NavItem {
  label: string;
  to: '/' | '/datasources' | '/api-modules' | '/apis' | '/macros' | '/groups' | '/clients' | '/access-logs' | '/catalogue' | '/users' | '/roles' | '/settings';
  /** Resource whose `read` permission shows the item; none = every signed-in user. */
  resource?: ResourceType;
  /** SVG path (24×24 viewBox, stroked). */
  icon: string;
  section: 'Build' | 'Operate' | 'Administer' | 'Account' | 'Home';
}

export const navItems: NavItem[] = [
  { label: 'Overview', to: '/', resource: 'overview', section: 'Home', icon: 'M3 13h8V3H3zm10 8h8V11h-8zM3 21h8v-6H3zm10-18v6h8V3z' },
  { label: 'Data sources', to: '/datasources', resource: 'datasource', section: 'Build', icon: 'M4 6c0-1.7 3.6-3 8-3s8 1.3 8 3-3.6 3-8 3-8-1.3-8-3zm0 0v12c0 1.7 3.6 3 8 3s8-1.3 8-3V6M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3' },
  { label: 'Modules', to: '/api-modules', resource: 'api_module', section: 'Build', icon: 'M3 7l9-4 9 4-9 4zm0 5l9 4 9-4M3 17l9 4 9-4' },
  { label: 'APIs', to: '/apis', resource: 'api', section: 'Build', icon: 'M8 6l-6 6 6 6m8-12l6 6-6 6' },
  { label: 'Macros', to: '/macros', resource: 'macro', section: 'Build', icon: 'M4 4h16v16H4zm4 5l3 3-3 3m5 0h3' },
  { label: 'API catalogue', to: '/catalogue', section: 'Operate', icon: 'M4 19.5A2.5 2.5 0 016.5 17H20V3H6.5A2.5 2.5 0 004 5.5v14zM20 17v4H6.5A2.5 2.5 0 014 18.5' },
  { label: 'Groups', to: '/groups', resource: 'group', section: 'Operate', icon: 'M4 5h6v6H4zm10 0h6v6h-6zM4 15h6v6H4zm10 0h6v6h-6z' },
  { label: 'Clients', to: '/clients', resource: 'client', section: 'Operate', icon: 'M15 7a3 3 0 11-6 0 3 3 0 016 0zM5 21v-2a5 5 0 015-5h4a5 5 0 015 5v2' },
  { label: 'Access logs', to: '/access-logs', resource: 'access_log', section: 'Operate', icon: 'M8 6h13M8 12h13M8 18h13M3 6h.01M3 12h.01M3 18h.01' },
  { label: 'Users', to: '/users', resource: 'user', section: 'Administer', icon: 'M17 21v-2a4 4 0 00-4-4H5a4 4 0 00-4 4v2m8-10a4 4 0 100-8 4 4 0 000 8zm14 10v-2a4 4 0 00-3-3.9M16 3.1a4 4 0 010 7.8' },
  { label: 'Roles', to: '/roles', resource: 'role', section: 'Administer', icon: 'M12 2l8 4v6c0 5-3.5 8.5-8 10-4.5-1.5-8-5-8-10V6z' },
  { label: 'Settings', to: '/settings', section: 'Account', icon: 'M12 15a3 3 0 100-6 3 3 0 000 6zm7.4-3a7.4 7.4 0 00-.1-1.3l2-1.6-2-3.4-2.4 1a7.5 7.5 0 00-2.2-1.3L14.3 3h-4l-.4 2.4a7.5 7.5 0 00-2.2 1.3l-2.4-1-2 3.4 2 1.6a7.4 7.4 0 000 2.6l-2 1.6 2 3.4 2.4-1a7.5 7.5 0 002.2 1.3l.4 2.4h4l.4-2.4a7.5 7.5 0 002.2-1.3l2.4 1 2-3.4-2-1.6c.1-.4.1-.9.1-1.3z' },
];

/** The items the user may open: `read` on the item's resource (superusers see all). */
export function visibleNavItems(user: PermissionHolder | undefined): NavItem[] {
  return navItems.filter((item) => !item.resource || can(user, item.resource, 'read'));
}
