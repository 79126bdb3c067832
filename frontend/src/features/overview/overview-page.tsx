import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { CheckboxField } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/feedback';
import { overviewKeys } from '@/features/overview/api';
import { OverviewBreakdownChart, OverviewTrafficChart } from '@/features/overview/components/overview-charts';
import { OverviewStatCards } from '@/features/overview/components/overview-stat-cards';
import { OverviewRecentAccess, OverviewRecentCommits, OverviewTopApis } from '@/features/overview/components/overview-tables';
import { overviewRanges } from '@/features/overview/schemas';
import { inputClass } from '@/components/ui/field';

export interface OverviewPageProps {
  days: number;
  refresh: boolean;
  onChange: (next: { days?: number; refresh?: boolean }) => void;
}

export function OverviewPage({ days, refresh, onChange }: OverviewPageProps) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!refresh) return;
    const timer = setInterval(() => void queryClient.invalidateQueries({ queryKey: overviewKeys.all }), 30_000);
    return () => clearInterval(timer);
  }, [refresh, queryClient]);

  return (
    <>
      <PageHeader
        title="Overview"
        description="Traffic, errors, latency and the most used APIs."
        actions={
          <div className="flex items-center gap-4">
            <CheckboxField label="Auto-refresh (30 s)" checked={refresh} onChange={(e) => onChange({ refresh: e.target.checked || undefined })} />
            <select aria-label="Range" className={`${inputClass} w-36`} value={days} onChange={(e) => onChange({ days: Number(e.target.value) })}>
              {overviewRanges.map((d) => (
                <option key={d} value={d}>
                  Last {d === 1 ? '24 hours' : `${d} days`}
                </option>
              ))}
            </select>
          </div>
        }
      />
      <div className="space-y-4">
        <OverviewStatCards />
        <div className="grid gap-4 lg:grid-cols-2">
          <OverviewTrafficChart days={days} />
          <OverviewBreakdownChart days={days} />
        </div>
        <OverviewTopApis days={days} />
        <div className="grid gap-4 lg:grid-cols-2">
          <OverviewRecentAccess />
          <OverviewRecentCommits />
        </div>
      </div>
    </>
  );
}
