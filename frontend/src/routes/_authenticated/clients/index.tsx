import { createFileRoute } from '@tanstack/react-router';
import { clientsListQueryOptions } from '@/features/clients/api';
import { ClientsPage } from '@/features/clients/clients-page';
import { clientsSearchSchema } from '@/features/clients/schemas';
import { requireRead } from '@/lib/route-guards';

export const Route = createFileRoute('/_authenticated/clients/')({
  validateSearch: clientsSearchSchema,
  beforeLoad: ({ context }) => requireRead(context.me, 'client'),
  loaderDeps: ({ search }) => ({ page: search.page ?? 1, pageSize: 20, q: search.q }),
  loader: ({ context, deps }) => context.queryClient.ensureQueryData(clientsListQueryOptions(deps)),
  component: ClientsRoute,
});

function ClientsRoute() {
  const params = Route.useLoaderDeps();
  const navigate = Route.useNavigate();
  return <ClientsPage params={params} onParamsChange={(next) => void navigate({ search: (prev) => ({ ...prev, ...next }) })} />;
}
