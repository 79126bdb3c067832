import { createFileRoute } from '@tanstack/react-router';
import { ComingSoon } from '@/components/layout/coming-soon';
import { requireRead } from '@/lib/route-guards';

export const Route = createFileRoute('/_authenticated/groups/')({
  beforeLoad: ({ context }) => requireRead(context.me, 'group'),
  component: () => <ComingSoon title="Groups" description="Sets of APIs that clients may call." />,
});
