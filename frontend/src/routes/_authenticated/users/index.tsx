import { createFileRoute } from '@tanstack/react-router';
import { usersListQueryOptions } from '@/features/users/api';
import { usersSearchSchema } from '@/features/users/schemas';
import { UsersPage } from '@/features/users/users-page';
import { requireRead } from '@/lib/route-guards';

export const Route = createFileRoute('/_authenticated/users/')({
  validateSearch: usersSearchSchema,
  beforeLoad: ({ context }) => requireRead(context.me, 'user'),
  loaderDeps: ({ search }) => ({ page: search.page ?? 1, pageSize: search.pageSize ?? 20, q: search.q }),
  loader: ({ context, deps }) => context.queryClient.ensureQueryData(usersListQueryOptions(deps)),
  component: UsersRoute,
});

function UsersRoute() {
  const params = Route.useLoaderDeps();
  const navigate = Route.useNavigate();
  return <UsersPage params={params} onParamsChange={(next) => void navigate({ search: (prev) => ({ ...prev, ...next }) })} />;
}
