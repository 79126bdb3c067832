import { Injectable } from '@nestjs/common';
import { LATENCY_BUCKETS_MS } from 'src/access-logs/access-log-record.js';
import { AccessLogSearchRepository } from 'src/access-logs/access-log-search.repository.js';
import type { AccessLogResponseDto } from 'src/access-logs/dto/access-log-response.dto.js';
import type {
  LatencyFiguresDto,
  LatencyRowDto,
  OverviewStatsDto,
  RecentCommitDto,
  StatusBreakdownDto,
  TopApiDto,
  TrafficPointDto,
} from 'src/overview/dto/overview.dto.js';
import { OverviewRepository, rollupRange, type BucketRow } from 'src/overview/overview.repository.js';

/** Upper bound (ms) of a width_bucket() index over LATENCY_BUCKETS_MS. */
const bucketMs = (b: number | null) => (b === null ? 0 : LATENCY_BUCKETS_MS[Math.min(b, LATENCY_BUCKETS_MS.length - 1)]);

function figures(row: BucketRow): LatencyFiguresDto {
  const count = Number(row.total);
  return { count, p50: bucketMs(row.p50b), p95: bucketMs(row.p95b), p99: bucketMs(row.p99b), avgMs: count ? Math.round((row.durationSum / count) * 100) / 100 : 0 };
}

const rate = (part: number, whole: number) => (whole ? Math.round((part / whole) * 10_000) / 10_000 : 0);

@Injectable()
export class OverviewService {
  constructor(
    private readonly repo: OverviewRepository,
    private readonly logs: AccessLogSearchRepository,
  ) {}

  async stats(): Promise<OverviewStatsDto> {
    const c = await this.repo.counts();
    return {
      datasources: c.datasources,
      modules: c.modules,
      apisTotal: c.apisTotal,
      apisPublished: c.apisPublished,
      clients: c.clients,
      groups: c.groups,
      requests24h: c.requests24h,
      errorRate24h: rate(c.errors24h, c.requests24h),
    };
  }

  async traffic(days: number, granularity?: 'hour' | 'day'): Promise<TrafficPointDto[]> {
    const rows = await this.repo.traffic(rollupRange(days, granularity));
    return rows.map((r) => ({ bucket: r.bucket, count: Number(r.count), errors: Number(r.errors) }));
  }

  async statusBreakdown(days: number): Promise<StatusBreakdownDto> {
    const rows = await this.repo.statusAndMethod(rollupRange(days));
    const sum = (key: (r: (typeof rows)[number]) => string) => {
      const m = new Map<string, number>();
      for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + Number(r.count));
      return [...m].map(([k, count]) => ({ key: k, count })).sort((a, b) => a.key.localeCompare(b.key));
    };
    const total = rows.reduce((n, r) => n + Number(r.count), 0);
    const errors = rows.filter((r) => r.status >= 400).reduce((n, r) => n + Number(r.count), 0);
    const duration = rows.reduce((n, r) => n + r.durationSum, 0);
    return {
      byStatusClass: sum((r) => `${String(r.status)[0]}xx`),
      byStatus: sum((r) => String(r.status)),
      byMethod: sum((r) => r.method),
      total,
      errorRate: rate(errors, total),
      avgDurationMs: total ? Math.round((duration / total) * 100) / 100 : 0,
    };
  }

  async topApis(days: number, limit: number, by: 'calls' | 'errors'): Promise<TopApiDto[]> {
    const rows = await this.repo.latencyBy('api_id', rollupRange(days));
    rows.sort((a, b) => (by === 'errors' ? Number(b.errors) - Number(a.errors) : 0) || Number(b.total) - Number(a.total));
    const top = rows.slice(0, limit);
    const labels = new Map((await this.repo.apiLabels(top.flatMap((r) => (r.key ? [r.key] : [])))).map((a) => [a.id, a]));
    return top.map((r) => {
      const api = r.key ? labels.get(r.key) : undefined;
      const f = figures(r);
      return { ...f, apiId: r.key, name: api?.name ?? null, apiDisplay: api ? `${api.method} /${api.path}` : null, errors: Number(r.errors), errorRate: rate(Number(r.errors), f.count) };
    });
  }

  async latency(days: number, limit: number, by: 'api' | 'client'): Promise<LatencyRowDto[]> {
    const rows = (await this.repo.latencyBy(by === 'api' ? 'api_id' : 'client_id', rollupRange(days))).sort((a, b) => Number(b.total) - Number(a.total)).slice(0, limit);
    const ids = rows.flatMap((r) => (r.key ? [r.key] : []));
    const labels =
      by === 'api'
        ? new Map((await this.repo.apiLabels(ids)).map((a) => [a.id, `${a.method} /${a.path}`]))
        : new Map((await this.repo.clientLabels(ids)).map((c) => [c.id, c.name]));
    return rows.map((r) => ({ ...figures(r), id: r.key, label: r.key ? (labels.get(r.key) ?? null) : null }));
  }

  async recentAccess(limit: number): Promise<AccessLogResponseDto[]> {
    return (await this.logs.page({}, 1, limit)).items;
  }

  recentCommits(limit: number): Promise<RecentCommitDto[]> {
    return this.repo.recentCommits(limit);
  }
}
