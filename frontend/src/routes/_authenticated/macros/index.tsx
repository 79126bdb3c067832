import { createFileRoute } from '@tanstack/react-router';
import { macrosListQueryOptions } from '@/features/macros/api';
import { MacrosPage } from '@/features/macros/macros-page';
import { macrosSearchSchema } from '@/features/macros/schemas';
import { requireRead } from '@/lib/route-guards';

export const Route = createFileRoute('/_authenticated/macros/')({
  validateSearch: macrosSearchSchema,
  beforeLoad: ({ context }) => requireRead(context.me, 'macro'),
  loaderDeps: ({ search }) => ({ page: search.page ?? 1, pageSize: 20, q: search.q }),
  loader: ({ context, deps }) => context.queryClient.ensureQueryData(macrosListQueryOptions(deps)),
  component: MacrosRoute,
});

function MacrosRoute() {
  const params = Route.useLoaderDeps();
  const navigate = Route.useNavigate();
  return <MacrosPage params={params} onParamsChange={(next) => void navigate({ search: (prev) => ({ ...prev, ...next }) })} />;
}
