import { createFileRoute, redirect } from '@tanstack/react-router';
import { isUnauthorized } from '@/api/http';
import { meQueryOptions } from '@/features/auth/api';
import { AuthenticatedLayout } from '@/features/auth/authenticated-layout';

export const Route = createFileRoute('/_authenticated')({
  beforeLoad: async ({ context, location }) => {
    try {
      const me = await context.queryClient.ensureQueryData(meQueryOptions());
      return { me };
    } catch (error) {
      if (isUnauthorized(error)) throw redirect({ to: '/login', search: { redirect: location.href } });
      throw error;
    }
  },
  component: AuthenticatedLayout,
});
