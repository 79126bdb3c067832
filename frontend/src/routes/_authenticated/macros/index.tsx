import { createFileRoute } from '@tanstack/react-router';
import { ComingSoon } from '@/components/layout/coming-soon';
import { requireRead } from '@/lib/route-guards';

export const Route = createFileRoute('/_authenticated/macros/')({
  beforeLoad: ({ context }) => requireRead(context.me, 'macro'),
  component: () => <ComingSoon title="Macros" description="Reusable SQL and script fragments." />,
});
