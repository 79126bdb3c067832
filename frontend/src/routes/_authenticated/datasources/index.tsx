import { createFileRoute } from '@tanstack/react-router';
import { ComingSoon } from '@/components/layout/coming-soon';
import { requireRead } from '@/lib/route-guards';

export const Route = createFileRoute('/_authenticated/datasources/')({
  beforeLoad: ({ context }) => requireRead(context.me, 'datasource'),
  component: () => <ComingSoon title="Data sources" description="External databases your APIs run against." />,
});
