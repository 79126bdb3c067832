import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { overviewRecentAccess, overviewRecentCommits, overviewStats, overviewStatusBreakdown, overviewTopApis, overviewTraffic } from '@/api/client';

export const overviewKeys = {
  all: ['overview'] as const,
  stats: () => [...overviewKeys.all, 'stats'] as const,
  traffic: (days: number) => [...overviewKeys.all, 'traffic', days] as const,
  breakdown: (days: number) => [...overviewKeys.all, 'breakdown', days] as const,
  topApis: (days: number, limit: number) => [...overviewKeys.all, 'top-apis', days, limit] as const,
  recentAccess: (limit: number) => [...overviewKeys.all, 'recent-access', limit] as const,
  recentCommits: (limit: number) => [...overviewKeys.all, 'recent-commits', limit] as const,
};

export function overviewStatsQueryOptions() {
  return queryOptions({ queryKey: overviewKeys.stats(), queryFn: async ({ signal }) => (await overviewStats({ signal, throwOnError: true })).data });
}

export function overviewTrafficQueryOptions(days: number) {
  return queryOptions({
    queryKey: overviewKeys.traffic(days),
    queryFn: async ({ signal }) => (await overviewTraffic({ query: { days }, signal, throwOnError: true })).data,
    placeholderData: keepPreviousData,
  });
}

export function overviewBreakdownQueryOptions(days: number) {
  return queryOptions({
    queryKey: overviewKeys.breakdown(days),
    queryFn: async ({ signal }) => (await overviewStatusBreakdown({ query: { days }, signal, throwOnError: true })).data,
    placeholderData: keepPreviousData,
  });
}

export function overviewTopApisQueryOptions(days: number, limit: number) {
  return queryOptions({
    queryKey: overviewKeys.topApis(days, limit),
    queryFn: async ({ signal }) => (await overviewTopApis({ query: { days, limit }, signal, throwOnError: true })).data,
    placeholderData: keepPreviousData,
  });
}

export function overviewRecentAccessQueryOptions(limit: number) {
  return queryOptions({
    queryKey: overviewKeys.recentAccess(limit),
    queryFn: async ({ signal }) => (await overviewRecentAccess({ query: { limit }, signal, throwOnError: true })).data,
  });
}

export function overviewRecentCommitsQueryOptions(limit: number) {
  return queryOptions({
    queryKey: overviewKeys.recentCommits(limit),
    queryFn: async ({ signal }) => (await overviewRecentCommits({ query: { limit }, signal, throwOnError: true })).data,
  });
}
