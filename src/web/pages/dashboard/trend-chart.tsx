import { useMemo } from 'react';
import type { TTrendPoint } from '../../../shared/schemas/metrics.ts';
import { Chart, type ChartOption } from '../../components/chart.tsx';
import { useLanguage, useT } from '../../i18n/i18n.tsx';
import { formatCount, formatPercent } from './metrics-format.ts';

const monthLabel = (m: string) => `${m.slice(5)}/${m.slice(0, 4)}`;

/** Twelve months: dossiers received (bars) and the rates that matter (lines, 0–100%). A click picks the month. */
export function TrendChart({ points, onPickMonth, height = 320 }: { points: TTrendPoint[]; onPickMonth?: (month: string) => void; height?: number }) {
  const t = useT();
  const [lang] = useLanguage();
  const option = useMemo<ChartOption>(() => {
    const asCount = { valueFormatter: (v: unknown) => formatCount(typeof v === 'number' ? v : null, lang) };
    const asRate = { valueFormatter: (v: unknown) => formatPercent(typeof v === 'number' ? v : null, lang) };
    return {
      grid: { left: 8, right: 8, top: 48, bottom: 8, containLabel: true },
      legend: { top: 0, type: 'scroll' },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: points.map((p) => monthLabel(p.month)), axisTick: { alignWithLabel: true } },
      yAxis: [
        { type: 'value', name: t('metrics.chart.dossiers'), minInterval: 1, axisLabel: { formatter: (v: number) => formatCount(v, lang) } },
        { type: 'value', name: '%', min: 0, max: 100, splitLine: { show: false }, axisLabel: { formatter: (v: number) => `${v}%` } },
      ],
      series: [
        { type: 'bar', name: t('metrics.chart.received'), tooltip: asCount, data: points.map((p) => p.received), itemStyle: { color: '#90a4c8' }, barMaxWidth: 28 },
        { type: 'line', name: t('metrics.chart.onTime'), yAxisIndex: 1, tooltip: asRate, data: points.map((p) => p.onTimeRate), connectNulls: false, symbolSize: 7, lineStyle: { width: 3 }, itemStyle: { color: '#2e7d32' } },
        { type: 'line', name: t('metrics.chart.satisfaction'), yAxisIndex: 1, tooltip: asRate, data: points.map((p) => p.satisfactionIndex), symbolSize: 7, lineStyle: { width: 3 }, itemStyle: { color: '#b71c1c' } },
        { type: 'line', name: t('metrics.chart.tasksOnTime'), yAxisIndex: 1, tooltip: asRate, data: points.map((p) => p.tasksOnTimeRate), symbolSize: 6, lineStyle: { width: 2, type: 'dashed' }, itemStyle: { color: '#6a1b9a' } },
      ],
    };
  }, [points, t, lang]);
  const last = points.at(-1);
  const label = t('metrics.chart.trendAria', {
    from: points[0] ? monthLabel(points[0].month) : '',
    to: last ? monthLabel(last.month) : '',
    onTime: formatPercent(last?.onTimeRate ?? null, lang),
  });
  return <Chart option={option} height={height} ariaLabel={label} testId="trend-chart" onClick={onPickMonth ? (c) => points[c.dataIndex] && onPickMonth(points[c.dataIndex]!.month) : undefined} />;
}
