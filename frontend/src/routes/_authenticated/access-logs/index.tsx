import { createFileRoute } from '@tanstack/react-router';
import { accessLogsListQueryOptions } from '@/features/access-logs/api';
import { AccessLogsPage } from '@/features/access-logs/access-logs-page';
import { accessLogsSearchSchema } from '@/features/access-logs/schemas';
import { requireRead } from '@/lib/route-guards';

export const Route = createFileRoute('/_authenticated/access-logs/')({
  validateSearch: accessLogsSearchSchema,
  beforeLoad: ({ context }) => requireRead(context.me, 'access_log'),
  loaderDeps: ({ search }) => ({ ...search, page: search.page ?? 1, pageSize: 50 }),
  loader: ({ context, deps }) => context.queryClient.ensureQueryData(accessLogsListQueryOptions(deps)),
  component: AccessLogsRoute,
});

function AccessLogsRoute() {
  const params = Route.useLoaderDeps();
  const navigate = Route.useNavigate();
  return <AccessLogsPage params={params} onSearchChange={({ page, ...filters }) => void navigate({ search: { ...filters, page: page === 1 ? undefined : page } })} />;
}
