import { createFileRoute } from '@tanstack/react-router';
import { apiModulesListQueryOptions } from '@/features/api-modules/api';
import { ApiModulesPage } from '@/features/api-modules/api-modules-page';
import { apiModulesSearchSchema } from '@/features/api-modules/schemas';
import { requireRead } from '@/lib/route-guards';

export const Route = createFileRoute('/_authenticated/api-modules/')({
  validateSearch: apiModulesSearchSchema,
  beforeLoad: ({ context }) => requireRead(context.me, 'api_module'),
  loaderDeps: ({ search }) => ({ page: search.page ?? 1, pageSize: 20, q: search.q }),
  loader: ({ context, deps }) => context.queryClient.ensureQueryData(apiModulesListQueryOptions(deps)),
  component: ApiModulesRoute,
});

function ApiModulesRoute() {
  const params = Route.useLoaderDeps();
  const navigate = Route.useNavigate();
  return <ApiModulesPage params={params} onParamsChange={(next) => void navigate({ search: (prev) => ({ ...prev, ...next }) })} />;
}
