import { createFileRoute } from '@tanstack/react-router';
import { rolesListQueryOptions } from '@/features/roles/api';
import { RolesPage } from '@/features/roles/roles-page';
import { requireRead } from '@/lib/route-guards';

export const Route = createFileRoute('/_authenticated/roles/')({
  beforeLoad: ({ context }) => requireRead(context.me, 'role'),
  loader: ({ context }) => context.queryClient.ensureQueryData(rolesListQueryOptions()),
  component: RolesPage,
});
