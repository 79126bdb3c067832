import { createRootRouteWithContext, Outlet } from '@tanstack/react-router';
import { EmptyState } from '@/components/ui/feedback';
import { Toaster } from '@/components/ui/toaster';
import type { RouterContext } from '@/router';

export const Route = createRootRouteWithContext<RouterContext>()({
  component: () => (
    <>
      <Outlet />
      <Toaster />
    </>
  ),
  notFoundComponent: () => <EmptyState title="Page not found" description="The page you are looking for does not exist." />,
});
