import { RightOutlined } from '@ant-design/icons';
import { Alert, Card, Skeleton } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useMyFigures } from '../../api/metrics.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { Chart, type ChartOption } from '../../components/chart.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useLanguage, useT } from '../../i18n/i18n.tsx';
import { firstLink } from './kpi-cards.tsx';
import { formatCount, formatDecimal, formatPercent } from './metrics-format.ts';
import { PeriodFilter, usePeriodQuery } from './period-filter.tsx';
import { RatingsChart } from './ratings-chart.tsx';
import './dashboard.css';

const rate = (part: number, whole: number) => (whole > 0 ? Math.round((1000 * part) / whole) / 10 : null);

/** /dashboard/me: an official's own dossiers, tasks and monthly scores in the period. */
export default function MyFiguresPage() {
  const t = useT();
  const [lang] = useLanguage();
  const me = useCurrentUser();
  const [period, setPeriod] = usePeriodQuery();
  const figures = useMyFigures(period);
  const data = figures.data;
  const scoreOption = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v) => formatDecimal(typeof v === 'number' ? v : null, lang) },
      xAxis: { type: 'category', data: (data?.scores ?? []).map((s) => `${s.month.slice(5)}/${s.month.slice(0, 4)}`) },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: [
        {
          type: 'bar',
          name: t('metrics.me.score'),
          data: (data?.scores ?? []).map((s) => s.final),
          barMaxWidth: 36,
          itemStyle: { color: '#1d3a6e' },
          label: { show: true, position: 'top', formatter: (p) => formatDecimal(typeof p.value === 'number' ? p.value : null, lang) },
          markLine: { silent: true, symbol: 'none', lineStyle: { color: '#2e7d32', type: 'dashed' }, label: { formatter: t('metrics.me.goodLine'), position: 'insideEndTop' }, data: [{ yAxis: 70 }] },
        },
      ],
    }),
    [data, t, lang],
  );

  if (!me.officialId) {
    return (
      <div data-testid="my-figures">
        <PageHeader title={t('metrics.me.title')} />
        <Alert type="info" showIcon title={t('metrics.me.noOfficial')} />
      </div>
    );
  }
  if (figures.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (!data) return <ProblemAlert error={figures.error} onRetry={() => void figures.refetch()} />;
  const d = data.dossiers;
  const tk = data.tasks;
  const cards = [
    { key: 'handled', title: t('metrics.me.handled'), value: formatCount(d.handled, lang), detail: t('metrics.me.handledDetail', { onTime: formatCount(d.onTime, lang), late: formatCount(d.late, lang) }), link: firstLink(data.links, ['dossiersHandled']), linkLabel: t('metrics.kpi.recordsFinished') },
    { key: 'onTime', title: t('metrics.me.onTime'), value: formatPercent(rate(d.onTime, d.onTime + d.late), lang), detail: t('metrics.me.onTimeDetail', { late: formatCount(d.late, lang) }), link: firstLink(data.links, ['dossiersLate']), linkLabel: t('metrics.kpi.recordsLate') },
    { key: 'tasks', title: t('metrics.me.tasks'), value: `${formatCount(tk.done, lang)}/${formatCount(tk.due, lang)}`, detail: t('metrics.me.tasksDetail', { onTime: formatCount(tk.onTime, lang), late: formatCount(tk.late, lang), bounced: formatCount(tk.bounced, lang) }), link: firstLink(data.links, ['tasksDue']), linkLabel: t('metrics.me.recordsTasks') },
  ];
  return (
    <div data-testid="my-figures" className="db-page">
      <PageHeader title={t('metrics.me.title')} subtitle={t('metrics.me.subtitle', { name: data.official.fullName, unit: data.official.unitName, period: data.period.label })} />
      <PeriodFilter value={period} onChange={setPeriod} shown={data.period} />
      <ul className="db-kpis db-kpis-3" aria-label={t('metrics.kpi.title')}>
        {cards.map((c) => (
          <li key={c.key} className="db-kpi" data-testid={`my-${c.key}`}>
            <div className="db-kpi-title">{c.title}</div>
            <div className="db-kpi-value">{c.value}</div>
            <div className="db-kpi-detail">{c.detail}</div>
            {c.link ? (
              <Link to={c.link} className="db-kpi-link">
                {c.linkLabel} <RightOutlined aria-hidden />
              </Link>
            ) : null}
          </li>
        ))}
      </ul>
      <div className="db-grid db-grid-1-1">
        <Card title={<h2 className="db-card-title">{t('metrics.me.scoresTitle')}</h2>} size="small">
          {data.scores.some((s) => s.final !== null) ? (
            <Chart option={scoreOption} height={260} ariaLabel={t('metrics.me.scoresAria', { scores: data.scores.map((s) => `${s.month.slice(5)}/${s.month.slice(0, 4)}: ${formatDecimal(s.final, lang)}`).join('; ') })} testId="my-scores-chart" />
          ) : (
            <p className="db-empty">{t('metrics.me.noScores')}</p>
          )}
        </Card>
        <Card title={<h2 className="db-card-title">{t('metrics.rating.title')}</h2>} size="small">
          <RatingsChart ratings={d.ratings} />
        </Card>
      </div>
    </div>
  );
}
