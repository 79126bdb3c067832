import { createFileRoute } from '@tanstack/react-router';
import { apisListQueryOptions } from '@/features/apis/api';
import { ApisPage } from '@/features/apis/apis-page';
import { apisSearchSchema } from '@/features/apis/schemas';
import { requireRead } from '@/lib/route-guards';

export const Route = createFileRoute('/_authenticated/apis/')({
  validateSearch: apisSearchSchema,
  beforeLoad: ({ context }) => requireRead(context.me, 'api'),
  loaderDeps: ({ search }) => ({ ...search, page: search.page ?? 1, pageSize: 20 }),
  loader: ({ context, deps }) => context.queryClient.ensureQueryData(apisListQueryOptions(deps)),
  component: ApisRoute,
});

function ApisRoute() {
  const params = Route.useLoaderDeps();
  const navigate = Route.useNavigate();
  return <ApisPage params={params} onParamsChange={(next) => void navigate({ search: (prev) => ({ ...prev, ...next }) })} />;
}
