import { createFileRoute } from '@tanstack/react-router';
import { datasourcesListQueryOptions } from '@/features/datasources/api';
import { DatasourcesPage } from '@/features/datasources/datasources-page';
import { datasourcesSearchSchema } from '@/features/datasources/schemas';
import { requireRead } from '@/lib/route-guards';

export const Route = createFileRoute('/_authenticated/datasources/')({
  validateSearch: datasourcesSearchSchema,
  beforeLoad: ({ context }) => requireRead(context.me, 'datasource'),
  loaderDeps: ({ search }) => ({ page: search.page ?? 1, pageSize: 20, q: search.q, type: search.type, isActive: search.isActive }),
  loader: ({ context, deps }) => context.queryClient.ensureQueryData(datasourcesListQueryOptions(deps)),
  component: DatasourcesRoute,
});

function DatasourcesRoute() {
  const params = Route.useLoaderDeps();
  const navigate = Route.useNavigate();
  return <DatasourcesPage params={params} onParamsChange={(next) => void navigate({ search: (prev) => ({ ...prev, ...next }) })} />;
}
