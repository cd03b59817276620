import { Breadcrumb, Card, Skeleton } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import type { TTreeNode } from '../../../shared/schemas/metrics.ts';
import { useHeadsRanking, useMetricsOverview, useMetricsTrend, useUnitTree, type PeriodQuery } from '../../api/metrics.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { HeadsTable } from './heads-table.tsx';
import { Index766Panel } from './index766-panel.tsx';
import { KpiCards } from './kpi-cards.tsx';
import { PeriodFilter, usePeriodQuery } from './period-filter.tsx';
import { RankingTable } from './ranking-table.tsx';
import { RatingsChart } from './ratings-chart.tsx';
import { ReportButtons } from './report-buttons.tsx';
import { TrendChart } from './trend-chart.tsx';
import { UnitTreemap } from './unit-treemap.tsx';
import './dashboard.css';

/** The query string of a period, to carry it along when drilling into a unit. */
export function periodSearch(q: PeriodQuery): string {
  const p = new URLSearchParams({ period: q.period });
  if (q.period === 'custom') {
    if (q.from) p.set('from', q.from);
    if (q.to) p.set('to', q.to);
  } else if (q.at) p.set('at', q.at);
  return p.toString();
}

/** The ids of a node and everything below it. */
function subtree(nodes: TTreeNode[], rootId: string): Set<string> {
  const out = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const n of nodes) {
      if (n.parentId && out.has(n.parentId) && !out.has(n.id)) {
        out.add(n.id);
        grew = true;
      }
    }
  }
  return out;
}

/** From the top of what the caller sees down to the unit (for the breadcrumb). */
function ancestors(nodes: TTreeNode[], unitId: string): TTreeNode[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const chain: TTreeNode[] = [];
  for (let n = byId.get(unitId); n; n = n.parentId ? byId.get(n.parentId) : undefined) chain.unshift(n);
  return chain;
}

/**
 * One dashboard for the province (no unitId: the caller's scope root) and for one unit: headline
 * figures against the previous period, a year of trend, ratings, the 766 index, the units below
 * as a treemap and a ranking, and the heads' ranking. Every unit and figure opens what is behind it.
 */
export function UnitDashboard({ unitId, testId }: { unitId?: string; testId: string }) {
  const t = useT();
  const navigate = useNavigate();
  const [period, setPeriod] = usePeriodQuery();
  const overview = useMetricsOverview(period, unitId);
  const data = overview.data;
  const shownUnitId = data?.unit?.id;
  const trend = useMetricsTrend(shownUnitId ?? unitId, data?.period.to.slice(0, 7), 12);
  const tree = useUnitTree(period);
  const heads = useHeadsRanking(period);
  const unitHref = (id: string) => `/dashboard/unit?unitId=${id}&${periodSearch(period)}`;
  const nodes = useMemo(() => tree.data?.nodes ?? [], [tree.data]);
  const inside = useMemo(() => (shownUnitId ? subtree(nodes, shownUnitId) : null), [nodes, shownUnitId]);
  const headRows = useMemo(() => (heads.data?.items ?? []).filter((h) => !inside || inside.has(h.unitId)), [heads.data, inside]);
  const chain = shownUnitId ? ancestors(nodes, shownUnitId) : [];
  const province = nodes.find((n) => n.depth === 0);

  if (overview.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (!data) return <ProblemAlert error={overview.error} onRetry={() => void overview.refetch()} />;
  const title = data.unit ? data.unit.name : t('metrics.leader.title');
  return (
    <div data-testid={testId} data-unit={data.unit?.id ?? ''} className="db-page">
      {chain.length > 1 || (data.unit && province) ? (
        <Breadcrumb
          className="db-crumbs"
          items={[
            ...(province && chain[0]?.id !== province.id ? [{ key: 'province', title: <Link to={`/dashboard?${periodSearch(period)}`}>{t('metrics.leader.province')}</Link> }] : []),
            ...chain.map((n, i) => ({
              key: n.id,
              title:
                i === chain.length - 1 ? (
                  n.name
                ) : n.depth === 0 ? (
                  <Link to={`/dashboard?${periodSearch(period)}`}>{t('metrics.leader.province')}</Link>
                ) : (
                  <Link to={unitHref(n.id)}>{n.name}</Link>
                ),
            })),
          ]}
        />
      ) : null}
      <PageHeader
        title={title}
        subtitle={
          <span data-testid="dashboard-period">
            {data.unit ? t('metrics.unit.subtitle', { period: data.period.label }) : t('metrics.leader.subtitle', { period: data.period.label })}
          </span>
        }
        extra={<ReportButtons period={period} unitId={data.unit?.id} />}
      />
      <PeriodFilter value={period} onChange={setPeriod} shown={data.period} />
      <ProblemAlert error={overview.error} onRetry={() => void overview.refetch()} />
      <section aria-labelledby="db-kpis-h" className={overview.isFetching ? 'db-fetching' : undefined}>
        <h2 id="db-kpis-h" className="cv-sr-only">
          {t('metrics.kpi.title')}
        </h2>
        <KpiCards data={data} />
      </section>
      <div className="db-grid db-grid-2-1">
        <Card title={<h2 className="db-card-title">{t('metrics.chart.trendTitle')}</h2>} size="small">
          {trend.data ? (
            <TrendChart points={trend.data.points} onPickMonth={(m) => setPeriod({ period: 'month', at: m })} />
          ) : trend.isPending ? (
            <Skeleton active />
          ) : (
            <ProblemAlert error={trend.error} />
          )}
          <p className="db-hint">{t('metrics.chart.trendHint')}</p>
        </Card>
        <Card title={<h2 className="db-card-title">{t('metrics.rating.title')}</h2>} size="small">
          <RatingsChart ratings={data.figures.dossiers.ratings} />
        </Card>
      </div>
      <div className="db-grid db-grid-1-2">
        <Card title={<h2 className="db-card-title">{t('metrics.index.title')}</h2>} size="small" data-testid="index766-card">
          <p className="db-index-total">
            <span className="db-index-value" data-testid="index766-total">
              {data.figures.index766.total === null ? '—' : data.figures.index766.total.toLocaleString('vi-VN', { maximumFractionDigits: 1 })}
            </span>
            <span className="db-index-max">/{data.figures.index766.max}</span>
          </p>
          <Index766Panel index={data.figures.index766} />
          <p className="db-hint">{t('metrics.index.hint')}</p>
        </Card>
        <Card title={<h2 className="db-card-title">{t('metrics.tree.title')}</h2>} size="small">
          {tree.data ? <UnitTreemap nodes={nodes} rootId={shownUnitId ?? province?.id ?? null} onOpen={(id) => void navigate(unitHref(id))} /> : tree.isPending ? <Skeleton active /> : <ProblemAlert error={tree.error} />}
        </Card>
      </div>
      {data.children.length ? (
        <Card title={<h2 className="db-card-title">{t(data.unit ? 'metrics.rank.childrenTitle' : 'metrics.rank.title')}</h2>} size="small" className="db-block">
          <RankingTable rows={data.children} unitHref={unitHref} />
        </Card>
      ) : null}
      <Card title={<h2 className="db-card-title">{t('metrics.heads.title')}</h2>} size="small" className="db-block">
        {heads.data ? <HeadsTable rows={headRows} unitHref={unitHref} /> : heads.isPending ? <Skeleton active /> : <ProblemAlert error={heads.error} />}
      </Card>
    </div>
  );
}
