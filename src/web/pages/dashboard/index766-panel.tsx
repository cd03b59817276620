import { useMemo } from 'react';
import type { TFigures } from '../../../shared/schemas/metrics.ts';
import { Chart, type ChartOption } from '../../components/chart.tsx';
import { useLanguage, useT } from '../../i18n/i18n.tsx';
import { formatDecimal } from './metrics-format.ts';

/**
 * The Decision 766 index and its six groups: each group's score against its maximum. A group
 * congvu cannot measure (its data lives in other systems) stays empty and says so, never 0.
 */
export function Index766Panel({ index, height = 300, dark = false }: { index: TFigures['index766']; height?: number; dark?: boolean }) {
  const t = useT();
  const [lang] = useLanguage();
  const groups = index.groups;
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', show: false, max: (v: { max: number }) => Math.max(v.max, 1) },
      yAxis: { type: 'category', inverse: true, data: groups.map((g) => g.name), axisTick: { show: false }, axisLabel: { width: dark ? 520 : 200, overflow: 'break', fontSize: dark ? 26 : 13, color: dark ? '#fff' : undefined } },
      series: [
        {
          type: 'bar',
          name: t('metrics.index.max'),
          data: groups.map((g) => g.max),
          barGap: '-100%',
          itemStyle: { color: dark ? '#37474f' : '#eceff1' },
          silent: true,
          barMaxWidth: dark ? 44 : 22,
          label: {
            show: true,
            position: 'right',
            fontSize: dark ? 26 : 13,
            color: dark ? '#fff' : undefined,
            formatter: (p) => {
              const g = groups[p.dataIndex];
              return g ? (g.score === null ? t('metrics.index.notMeasured') : `${formatDecimal(g.score, lang)}/${g.max}`) : '';
            },
          },
        },
        { type: 'bar', name: t('metrics.index.score'), data: groups.map((g) => g.score), itemStyle: { color: '#1d3a6e' }, barMaxWidth: dark ? 44 : 22 },
      ],
    }),
    [groups, t, lang, dark],
  );
  const label = t('metrics.index.aria', {
    total: formatDecimal(index.total, lang),
    max: index.max,
    groups: groups.map((g) => `${g.name}: ${g.score === null ? t('metrics.index.notMeasured') : `${formatDecimal(g.score, lang)}/${g.max}`}`).join('; '),
  });
  return <Chart option={option} height={height} ariaLabel={label} testId="index766-chart" dark={dark} />;
}
