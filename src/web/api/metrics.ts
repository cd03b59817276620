import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { THeadsRanking, TMetricsOverview, TMyFigures, TPeriodQuery, TPortal, TTrendPoint, TUnitTree } from '../../shared/schemas/metrics.ts';
import { api, buildUrl, type ApiError } from './client.ts';

// The dashboards and the public portal (issue 7). Every figure is null when there is no data.

/** The period as the API takes it (and as the dashboards keep it in the URL). */
export type PeriodQuery = Pick<TPeriodQuery, 'period' | 'at' | 'from' | 'to'>;

const periodParams = (q: PeriodQuery) => ({ period: q.period, at: q.period === 'custom' ? undefined : q.at, from: q.period === 'custom' ? q.from : undefined, to: q.period === 'custom' ? q.to : undefined });

export const metricsKeys = {
  all: ['metrics'] as const,
  overview: (q: PeriodQuery, unitId?: string) => ['metrics', 'overview', unitId ?? '', periodParams(q)] as const,
  trend: (unitId: string | undefined, until: string | undefined) => ['metrics', 'trend', unitId ?? '', until ?? ''] as const,
  heads: (q: PeriodQuery) => ['metrics', 'heads', periodParams(q)] as const,
  tree: (q: PeriodQuery) => ['metrics', 'tree', periodParams(q)] as const,
  me: (q: PeriodQuery) => ['metrics', 'me', periodParams(q)] as const,
  portal: ['public', 'metrics', 'portal'] as const,
};

/** A unit's figures (province when unitId is omitted and the caller sees all) with its children ranked. */
export function useMetricsOverview(q: PeriodQuery, unitId?: string) {
  return useQuery<TMetricsOverview, ApiError>({
    queryKey: metricsKeys.overview(q, unitId),
    queryFn: ({ signal }) => api.get<TMetricsOverview>('/metrics/overview', { ...periodParams(q), unitId }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Twelve months up to `until` ('YYYY-MM'). */
export function useMetricsTrend(unitId: string | undefined, until: string | undefined, months = 12) {
  return useQuery<{ points: TTrendPoint[] }, ApiError>({
    queryKey: [...metricsKeys.trend(unitId, until), months],
    queryFn: ({ signal }) => api.get<{ points: TTrendPoint[] }>('/metrics/trend', { unitId, until, months }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useHeadsRanking(q: PeriodQuery, enabled = true) {
  return useQuery<THeadsRanking, ApiError>({
    queryKey: metricsKeys.heads(q),
    queryFn: ({ signal }) => api.get<THeadsRanking>('/metrics/heads', periodParams(q), signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useUnitTree(q: PeriodQuery, enabled = true) {
  return useQuery<TUnitTree, ApiError>({
    queryKey: metricsKeys.tree(q),
    queryFn: ({ signal }) => api.get<TUnitTree>('/metrics/tree', periodParams(q), signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useMyFigures(q: PeriodQuery) {
  return useQuery<TMyFigures, ApiError>({
    queryKey: metricsKeys.me(q),
    queryFn: ({ signal }) => api.get<TMyFigures>('/metrics/me', periodParams(q), signal),
    placeholderData: keepPreviousData,
  });
}

/** The public portal, current month, refreshed every minute (the server caches it as long). */
export function usePortal(refetchMs = 60_000) {
  return useQuery<TPortal, ApiError>({
    queryKey: metricsKeys.portal,
    queryFn: ({ signal }) => api.get<TPortal>('/public/metrics/portal', { period: 'month' }, signal),
    refetchInterval: refetchMs,
    refetchIntervalInBackground: true,
    placeholderData: keepPreviousData,
  });
}

/** The report file (XLSX or PDF) of a unit and period, downloaded as an attachment. */
export function reportFileUrl(q: PeriodQuery, unitId: string | undefined, format: 'xlsx' | 'pdf'): string {
  return buildUrl('/metrics/reports/file', { ...periodParams(q), unitId, format });
}
