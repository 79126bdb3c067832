import { createFileRoute } from '@tanstack/react-router';
import { ComingSoon } from '@/components/layout/coming-soon';
import { requireRead } from '@/lib/route-guards';

export const Route = createFileRoute('/_authenticated/clients/')({
  beforeLoad: ({ context }) => requireRead(context.me, 'client'),
  component: () => <ComingSoon title="Clients" description="Applications that call your APIs with client credentials." />,
});
