import { createFileRoute } from '@tanstack/react-router';
import { groupsListQueryOptions } from '@/features/groups/api';
import { GroupsPage } from '@/features/groups/groups-page';
import { groupsSearchSchema } from '@/features/groups/schemas';
import { requireRead } from '@/lib/route-guards';

export const Route = createFileRoute('/_authenticated/groups/')({
  validateSearch: groupsSearchSchema,
  beforeLoad: ({ context }) => requireRead(context.me, 'group'),
  loaderDeps: ({ search }) => ({ page: search.page ?? 1, pageSize: 20, q: search.q }),
  loader: ({ context, deps }) => context.queryClient.ensureQueryData(groupsListQueryOptions(deps)),
  component: GroupsRoute,
});

function GroupsRoute() {
  const params = Route.useLoaderDeps();
  const navigate = Route.useNavigate();
  return <GroupsPage params={params} onParamsChange={(next) => void navigate({ search: (prev) => ({ ...prev, ...next }) })} />;
}
