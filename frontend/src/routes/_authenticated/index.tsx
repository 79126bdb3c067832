import { createFileRoute } from '@tanstack/react-router';
import { ComingSoon } from '@/components/layout/coming-soon';

export const Route = createFileRoute('/_authenticated/')({
  component: () => <ComingSoon title="Overview" description="Traffic, errors, latency and the most used APIs." />,
});
