import type { TTrend } from '../../../shared/schemas/metrics.ts';
import { useT } from '../../i18n/i18n.tsx';
import './trend-arrow.css';

/** ▲ / ▼ / = / "mới" beside a rank, with the places moved spelled out for screen readers. */
export function TrendArrow({ trend, rank, previousRank }: { trend: TTrend; rank: number; previousRank: number | null }) {
  const t = useT();
  const moved = previousRank === null ? 0 : Math.abs(previousRank - rank);
  const label =
    trend === 'up' ? t('metrics.trend.up', { n: moved }) : trend === 'down' ? t('metrics.trend.down', { n: moved }) : trend === 'same' ? t('metrics.trend.same') : t('metrics.trend.new');
  const symbol = trend === 'up' ? '▲' : trend === 'down' ? '▼' : trend === 'same' ? '=' : t('metrics.trend.newShort');
  return (
    <span className={`db-trend db-trend-${trend}`} title={label} data-testid="rank-trend" data-trend={trend}>
      <span aria-hidden>
        {symbol}
        {moved > 0 ? <span className="db-trend-n">{moved}</span> : null}
      </span>
      <span className="cv-sr-only">{label}</span>
    </span>
  );
}
