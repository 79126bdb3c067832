import { createFileRoute } from '@tanstack/react-router';
import { ComingSoon } from '@/components/layout/coming-soon';
import { requireRead } from '@/lib/route-guards';

export const Route = createFileRoute('/_authenticated/access-logs/')({
  beforeLoad: ({ context }) => requireRead(context.me, 'access_log'),
  component: () => <ComingSoon title="Access logs" description="Every call to the gateway, with filters and details." />,
});
