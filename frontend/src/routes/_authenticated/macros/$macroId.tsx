import { createFileRoute } from '@tanstack/react-router';
import { macroDetailQueryOptions } from '@/features/macros/api';
import { MacrosEditorPage } from '@/features/macros/macros-editor-page';
import { requireRead } from '@/lib/route-guards';

export const Route = createFileRoute('/_authenticated/macros/$macroId')({
  beforeLoad: ({ context }) => requireRead(context.me, 'macro'),
  loader: ({ context, params }) => context.queryClient.ensureQueryData(macroDetailQueryOptions(params.macroId)),
  component: MacroEditorRoute,
});

function MacroEditorRoute() {
  const { macroId } = Route.useParams();
  return <MacrosEditorPage macroId={macroId} />;
}
