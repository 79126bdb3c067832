import { createFileRoute } from '@tanstack/react-router';
import { apiDetailQueryOptions } from '@/features/apis/api';
import { ApisEditorPage } from '@/features/apis/apis-editor-page';
import { requireRead } from '@/lib/route-guards';

export const Route = createFileRoute('/_authenticated/apis/$apiId')({
  beforeLoad: ({ context }) => requireRead(context.me, 'api'),
  loader: ({ context, params }) => context.queryClient.ensureQueryData(apiDetailQueryOptions(params.apiId)),
  component: ApiEditorRoute,
});

function ApiEditorRoute() {
  const { apiId } = Route.useParams();
  return <ApisEditorPage apiId={apiId} />;
}
