import { createFileRoute } from '@tanstack/react-router';
import { ComingSoon } from '@/components/layout/coming-soon';
import { requireRead } from '@/lib/route-guards';

export const Route = createFileRoute('/_authenticated/api-modules/')({
  beforeLoad: ({ context }) => requireRead(context.me, 'api_module'),
  component: () => <ComingSoon title="Modules" description="Group related APIs into modules." />,
});
