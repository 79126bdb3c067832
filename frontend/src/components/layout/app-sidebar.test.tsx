import { createMemoryHistory, createRootRoute, createRouter, RouterProvider } from '@tanstack/react-router';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppSidebar } from '@/components/layout/app-sidebar';
import type { PermissionHolder } from '@/lib/permissions';

async function renderSidebar(user: PermissionHolder) {
  const rootRoute = createRootRoute({ component: () => <AppSidebar user={user} /> });
  const router = createRouter({ routeTree: rootRoute, history: createMemoryHistory({ initialEntries: ['/'] }) });
  render(<RouterProvider router={router} />);
  const nav = await screen.findByRole('navigation', { name: 'Main' });
  return within(nav)
    .getAllByRole('link')
    .map((link) => link.textContent);
}

describe('AppSidebar', () => {
  it('should show every section to a superuser', async () => {
    const links = await renderSidebar({ isSuperuser: true, permissions: [] });
    expect(links).toEqual(['Overview', 'Data sources', 'Modules', 'APIs', 'Macros', 'API catalogue', 'Groups', 'Clients', 'Access logs', 'Users', 'Roles', 'Settings']);
  });

  it('should hide sections the user may not read', async () => {
    const links = await renderSidebar({ isSuperuser: false, permissions: ['user:read', 'role:create', 'datasource:update'] });
    expect(links).toEqual(['API catalogue', 'Users', 'Settings']);
  });

  it('should count an object-level read grant as access to the section', async () => {
    const links = await renderSidebar({ isSuperuser: false, permissions: ['api:read:6f1c2f7e-0000-4000-8000-000000000001', 'overview:read'] });
    expect(links).toEqual(['Overview', 'APIs', 'API catalogue', 'Settings']);
  });
});
