import { useMemo } from 'react';
import type { TFigures } from '../../../shared/schemas/metrics.ts';
import { Chart, type ChartOption } from '../../components/chart.tsx';
import { useLanguage, useT } from '../../i18n/i18n.tsx';
import { formatCount, formatDecimal } from './metrics-format.ts';

/** How citizens rated the service in the period: very satisfied / satisfied / dissatisfied. */
export function RatingsChart({ ratings, height = 320 }: { ratings: TFigures['dossiers']['ratings']; height?: number }) {
  const t = useT();
  const [lang] = useLanguage();
  const total = ratings.verySatisfied + ratings.satisfied + ratings.dissatisfied;
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item', valueFormatter: (v) => formatCount(Number(v), lang) },
      legend: {
        orient: 'vertical',
        bottom: 0,
        left: 'center',
        itemGap: 8,
        formatter: (name: string) => {
          const value = name === t('metrics.rating.verySatisfied') ? ratings.verySatisfied : name === t('metrics.rating.satisfied') ? ratings.satisfied : ratings.dissatisfied;
          return `${name}: ${formatCount(value, lang)} (${formatDecimal((100 * value) / Math.max(total, 1), lang)}%)`;
        },
      },
      series: [
        {
          type: 'pie',
          radius: ['42%', '68%'],
          center: ['50%', '38%'],
          // The total in the hole, drawn once (as the first slice's label).
          label: { show: false, position: 'center', formatter: () => t('metrics.rating.total', { n: formatCount(total, lang) }), fontSize: 14, fontWeight: 600, lineHeight: 20 },
          labelLine: { show: false },
          emphasis: { disabled: true },
          data: [
            { name: t('metrics.rating.verySatisfied'), value: ratings.verySatisfied, itemStyle: { color: '#2e7d32' }, label: { show: true } },
            { name: t('metrics.rating.satisfied'), value: ratings.satisfied, itemStyle: { color: '#7cb342' } },
            { name: t('metrics.rating.dissatisfied'), value: ratings.dissatisfied, itemStyle: { color: '#c62828' } },
          ],
        },
      ],
    }),
    [ratings, total, t, lang],
  );
  if (total === 0) return <p className="db-empty" data-testid="ratings-empty">{t('metrics.rating.none')}</p>;
  const label = t('metrics.rating.aria', { very: formatCount(ratings.verySatisfied, lang), ok: formatCount(ratings.satisfied, lang), bad: formatCount(ratings.dissatisfied, lang) });
  return <Chart option={option} height={height} ariaLabel={label} testId="ratings-chart" />;
}
