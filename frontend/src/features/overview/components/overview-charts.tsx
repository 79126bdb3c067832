import { useQuery } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { overviewBreakdownQueryOptions, overviewTrafficQueryOptions } from '@/features/overview/api';
import { OverviewWidget } from '@/features/overview/components/overview-widget';

const axis = { fontSize: 11, fill: '#71717a' };

function bucketLabel(bucket: string, days: number) {
  const d = new Date(bucket);
  return days <= 2 ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : d.toLocaleDateString([], { month: 'short', day: 'numeric' });
}

export function OverviewTrafficChart({ days }: { days: number }) {
  const traffic = useQuery(overviewTrafficQueryOptions(days));
  return (
    <OverviewWidget title="Traffic" query={traffic}>
      {(points) =>
        points.length === 0 ? (
          <p className="py-12 text-center text-sm text-zinc-500">No calls in this range.</p>
        ) : (
          <div className="h-56" role="img" aria-label={`Calls per ${days <= 2 ? 'hour' : 'day'}: ${points.reduce((n, p) => n + p.count, 0)} in total`}>
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={points.map((p) => ({ ...p, label: bucketLabel(p.bucket, days) }))}>
                <CartesianGrid strokeDasharray="3 3" stroke="#a1a1aa33" />
                <XAxis dataKey="label" tick={axis} />
                <YAxis allowDecimals={false} tick={axis} width={40} />
                <Tooltip />
                <Legend />
                <Line type="monotone" dataKey="count" name="Calls" stroke="#6366f1" dot={false} strokeWidth={2} />
                <Line type="monotone" dataKey="errors" name="Errors" stroke="#ef4444" dot={false} strokeWidth={2} />
              </LineChart>
            </ResponsiveContainer>
          </div>
        )
      }
    </OverviewWidget>
  );
}

export function OverviewBreakdownChart({ days }: { days: number }) {
  const breakdown = useQuery(overviewBreakdownQueryOptions(days));
  return (
    <OverviewWidget title="Status and method" query={breakdown}>
      {(data) => (
        <div className="space-y-2">
          <p className="text-xs text-zinc-500">
            {data.total} calls · {(data.errorRate * 100).toFixed(1)}% errors · {data.avgDurationMs.toFixed(1)} ms average
          </p>
          <div className="grid h-44 grid-cols-2 gap-2">
            {[
              { rows: data.byStatusClass, name: 'By status', color: '#10b981' },
              { rows: data.byMethod, name: 'By method', color: '#6366f1' },
            ].map((chart) => (
              <div key={chart.name} role="img" aria-label={`${chart.name}: ${chart.rows.map((r) => `${r.key} ${r.count}`).join(', ') || 'none'}`}>
                <ResponsiveContainer width="100%" height="100%">
                  <BarChart data={chart.rows}>
                    <XAxis dataKey="key" tick={axis} />
                    <YAxis allowDecimals={false} tick={axis} width={36} />
                    <Tooltip />
                    <Bar dataKey="count" name={chart.name} fill={chart.color} radius={[3, 3, 0, 0]} />
                  </BarChart>
                </ResponsiveContainer>
              </div>
            ))}
          </div>
        </div>
      )}
    </OverviewWidget>
  );
}
