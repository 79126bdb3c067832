import { createFileRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { CataloguePage } from '@/features/catalogue/catalogue-page';

const searchSchema = z.object({ op: z.string().optional().catch(undefined), q: z.string().optional().catch(undefined) });

export const Route = createFileRoute('/_authenticated/catalogue/')({
  validateSearch: searchSchema,
  component: CatalogueRoute,
});

function CatalogueRoute() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  return <CataloguePage selected={search.op} q={search.q} onChange={(next) => void navigate({ search: next, replace: true })} />;
}
