import type { TFigures, TUnitRankRow } from '../../../shared/schemas/metrics.ts';
import { useLanguage, useT, type TKey } from '../../i18n/i18n.tsx';
import { formatCount, formatDecimal, formatPercent, rateColour } from '../dashboard/metrics-format.ts';
import { TrendArrow } from '../dashboard/trend-arrow.tsx';

/** The province's headline figures for citizens (the same for the portal and the TV screens). */
export function provinceTiles(f: TFigures, lang: 'vi' | 'en'): { key: string; label: TKey; value: string; note?: { key: TKey; params: Record<string, string> } }[] {
  const rated = f.dossiers.ratings.verySatisfied + f.dossiers.ratings.satisfied + f.dossiers.ratings.dissatisfied;
  return [
    { key: 'received', label: 'metrics.portal.received', value: formatCount(f.dossiers.received, lang), note: { key: 'metrics.portal.finishedNote', params: { n: formatCount(f.dossiers.finished, lang) } } },
    { key: 'onTime', label: 'metrics.portal.onTime', value: formatPercent(f.dossiers.onTimeRate, lang), note: { key: 'metrics.portal.lateNote', params: { n: formatCount(f.dossiers.late, lang) } } },
    { key: 'satisfaction', label: 'metrics.portal.satisfaction', value: formatPercent(f.dossiers.satisfactionIndex, lang), note: { key: 'metrics.portal.ratedNote', params: { n: formatCount(rated, lang) } } },
    { key: 'index', label: 'metrics.portal.index', value: f.index766.total === null ? '—' : `${formatDecimal(f.index766.total, lang)}/${f.index766.max}` },
    {
      key: 'online',
      label: 'metrics.portal.online',
      value: formatPercent(f.dossiers.received > 0 ? Math.round((1000 * f.dossiers.online) / f.dossiers.received) / 10 : null, lang),
      note: { key: 'metrics.portal.onlineNote', params: { n: formatCount(f.dossiers.online, lang) } },
    },
    { key: 'complaints', label: 'metrics.portal.complaints', value: formatCount(f.complaints.received, lang), note: { key: 'metrics.portal.upheldNote', params: { n: formatCount(f.complaints.upheld, lang) } } },
  ];
}

/** The ranking as a plain table: rank and move, unit, on time, satisfaction, index. Fits a phone. */
export function PortalRanking({ rows, caption, testId }: { rows: TUnitRankRow[]; caption: string; testId: string }) {
  const t = useT();
  const [lang] = useLanguage();
  if (!rows.length) return <p className="tp-empty">{t('metrics.portal.noUnits')}</p>;
  return (
    <table className="tp-rank" data-testid={testId}>
      <caption className="cv-sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className="tp-rank-no">
            <abbr title={t('metrics.rank.rank')}>#</abbr>
          </th>
          <th scope="col">{t('metrics.rank.unit')}</th>
          <th scope="col" className="tp-num">
            {t('metrics.portal.colOnTime')}
          </th>
          <th scope="col" className="tp-num">
            {t('metrics.portal.colSatisfaction')}
          </th>
          <th scope="col" className="tp-num">
            {t('metrics.portal.colIndex')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.unitId} data-testid="portal-row">
            <td className="tp-rank-no">
              <strong>{r.rank}</strong>
              <TrendArrow trend={r.trend} rank={r.rank} previousRank={r.previousRank} />
            </td>
            <th scope="row" className="tp-unit">
              {r.name}
            </th>
            <td className="tp-num">
              <span className="tp-rate" style={{ borderColor: rateColour(r.onTimeRate) }}>
                {formatPercent(r.onTimeRate, lang)}
              </span>
            </td>
            <td className="tp-num">{formatPercent(r.satisfactionIndex, lang)}</td>
            <td className="tp-num">
              <strong>{formatDecimal(r.index766, lang)}</strong>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The index's six groups as bars (HTML, readable on a phone and by screen readers). */
export function IndexGroups({ index }: { index: TFigures['index766'] }) {
  const t = useT();
  const [lang] = useLanguage();
  return (
    <ul className="tp-groups" data-testid="portal-index-groups">
      {index.groups.map((g) => (
        <li key={g.code} className="tp-group">
          <div className="tp-group-head">
            <span>{g.name}</span>
            <strong>{g.score === null ? t('metrics.index.notMeasured') : `${formatDecimal(g.score, lang)}/${g.max}`}</strong>
          </div>
          <div className="tp-group-track" aria-hidden>
            <span className="tp-group-fill" style={{ width: `${g.score === null ? 0 : Math.min(100, (100 * g.score) / Math.max(g.max, 1))}%` }} />
          </div>
        </li>
      ))}
    </ul>
  );
}
