import { createFileRoute } from '@tanstack/react-router';
import { ComingSoon } from '@/components/layout/coming-soon';
import { requireRead } from '@/lib/route-guards';

export const Route = createFileRoute('/_authenticated/apis/')({
  beforeLoad: ({ context }) => requireRead(context.me, 'api'),
  component: () => <ComingSoon title="APIs" description="SQL templates and scripts published as HTTP endpoints." />,
});
