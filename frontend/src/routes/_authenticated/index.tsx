import { createFileRoute } from '@tanstack/react-router';
import { OverviewPage } from '@/features/overview/overview-page';
import { overviewSearchSchema } from '@/features/overview/schemas';
import { can } from '@/lib/permissions';
import { ComingSoon } from '@/components/layout/coming-soon';

export const Route = createFileRoute('/_authenticated/')({
  validateSearch: overviewSearchSchema,
  component: OverviewRoute,
});

function OverviewRoute() {
  const { me } = Route.useRouteContext();
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  if (!can(me, 'overview', 'read')) return <ComingSoon title="Welcome to Querygate" description="Use the navigation to open the sections you have access to." />;
  return <OverviewPage days={search.days ?? 7} refresh={search.refresh ?? false} onChange={(next) => void navigate({ search: (prev) => ({ ...prev, ...next }) })} />;
}
