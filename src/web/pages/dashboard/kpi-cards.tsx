import { RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { TFigures, TUnitMetrics } from '../../../shared/schemas/metrics.ts';
import { useLanguage, useT, type TKey } from '../../i18n/i18n.tsx';
import { vnWallClock } from '../../lib/format.ts';
import { change, formatCount, formatDecimal, formatPercent, relativeChange } from './metrics-format.ts';

interface Kpi {
  key: string;
  title: TKey;
  value: (f: TFigures) => number | null;
  /** Rates compare in percentage points, counts in percent of the previous count. */
  kind: 'rate' | 'count' | 'points';
  /** Complaints: fewer is better. */
  lowerIsBetter?: boolean;
  detail: (f: TFigures, fmt: Formatters) => string;
  /** The keys of `links` that hold this figure's records, first match wins. */
  links: string[];
  linkLabel: TKey;
}

interface Formatters {
  t: ReturnType<typeof useT>;
  n: (v: number | null) => string;
}

const KPIS: Kpi[] = [
  {
    key: 'received',
    title: 'metrics.kpi.received',
    value: (f) => f.dossiers.received,
    kind: 'count',
    detail: (f, { t, n }) => t('metrics.kpi.receivedDetail', { online: n(f.dossiers.online), finished: n(f.dossiers.finished) }),
    links: ['dossiersReceived'],
    linkLabel: 'metrics.kpi.recordsReceived',
  },
  {
    key: 'onTime',
    title: 'metrics.kpi.onTime',
    value: (f) => f.dossiers.onTimeRate,
    kind: 'rate',
    detail: (f, { t, n }) => t('metrics.kpi.onTimeDetail', { onTime: n(f.dossiers.onTime), late: n(f.dossiers.late) }),
    links: ['dossiersLate'],
    linkLabel: 'metrics.kpi.recordsLate',
  },
  {
    key: 'satisfaction',
    title: 'metrics.kpi.satisfaction',
    value: (f) => f.dossiers.satisfactionIndex,
    kind: 'rate',
    detail: (f, { t, n }) => t('metrics.kpi.satisfactionDetail', { rated: n(f.dossiers.ratings.verySatisfied + f.dossiers.ratings.satisfied + f.dossiers.ratings.dissatisfied), bad: n(f.dossiers.ratings.dissatisfied) }),
    links: ['ratingsDissatisfied'],
    linkLabel: 'metrics.kpi.recordsDissatisfied',
  },
  {
    key: 'index766',
    title: 'metrics.kpi.index766',
    value: (f) => f.index766.total,
    kind: 'points',
    detail: (f, { t, n }) => t('metrics.kpi.index766Detail', { max: n(f.index766.max) }),
    links: ['dossiersFinished'],
    linkLabel: 'metrics.kpi.recordsFinished',
  },
  {
    key: 'complaints',
    title: 'metrics.kpi.complaints',
    value: (f) => f.complaints.received,
    kind: 'count',
    lowerIsBetter: true,
    detail: (f, { t, n }) => t('metrics.kpi.complaintsDetail', { upheld: n(f.complaints.upheld) }),
    links: ['complaintsReceived'],
    linkLabel: 'metrics.kpi.recordsComplaints',
  },
  {
    key: 'tasks',
    title: 'metrics.kpi.tasks',
    value: (f) => f.tasks.onTimeRate,
    kind: 'rate',
    detail: (f, { t, n }) => t('metrics.kpi.tasksDetail', { done: n(f.tasks.done), due: n(f.tasks.due), late: n(f.tasks.late) }),
    links: ['tasksLate'],
    linkLabel: 'metrics.kpi.recordsTasksLate',
  },
];

export const firstLink = (links: Record<string, string>, keys: string[]) => keys.map((k) => links[k]).find(Boolean);

/** The six headline figures, each against the previous period of the same length, each opening its records. */
export function KpiCards({ data }: { data: TUnitMetrics }) {
  const t = useT();
  const [lang] = useLanguage();
  const fmt: Formatters = { t, n: (v) => formatCount(v, lang) };
  // Counts of a period still running cannot be set against a whole previous period: say the
  // previous figure instead of an arrow that would always point down. Rates compare fairly.
  const running = data.period.to >= (vnWallClock(new Date())?.date ?? '');
  return (
    <ul className="db-kpis" aria-label={t('metrics.kpi.title')} data-testid="kpi-cards">
      {KPIS.map((k) => {
        const now = k.value(data.figures);
        const before = k.value(data.previous);
        const shown = k.kind === 'rate' ? formatPercent(now, lang) : k.kind === 'points' ? formatDecimal(now, lang) : formatCount(now, lang);
        const delta = running && k.kind === 'count' ? null : change(now, before);
        const rel = k.kind === 'count' && now !== null && before !== null ? relativeChange(now, before) : null;
        const good = delta && delta.direction !== 'same' ? (delta.direction === 'up') !== Boolean(k.lowerIsBetter) : null;
        const amount =
          delta === null
            ? ''
            : k.kind === 'rate'
              ? t('metrics.kpi.deltaPoints', { v: formatDecimal(Math.abs(delta.diff), lang) })
              : k.kind === 'points'
                ? t('metrics.kpi.deltaIndex', { v: formatDecimal(Math.abs(delta.diff), lang) })
                : rel !== null
                  ? `${formatCount(Math.abs(delta.diff), lang)} (${formatDecimal(Math.abs(rel), lang)}%)`
                  : formatCount(Math.abs(delta.diff), lang);
        const href = firstLink(data.links, k.links);
        return (
          <li key={k.key} className="db-kpi" data-testid={`kpi-${k.key}`}>
            <div className="db-kpi-title">{t(k.title)}</div>
            <div className="db-kpi-value" data-testid="kpi-value">
              {shown}
            </div>
            <div className={`db-kpi-delta ${good === null ? '' : good ? 'db-good' : 'db-bad'}`} data-testid="kpi-delta">
              {delta === null
                ? running && k.kind === 'count' && before !== null
                  ? t('metrics.kpi.previousValue', { v: formatCount(before, lang) })
                  : t('metrics.kpi.noPrevious')
                : delta.direction === 'same'
                  ? t('metrics.kpi.same')
                  : `${delta.direction === 'up' ? '▲' : '▼'} ${t(delta.direction === 'up' ? 'metrics.kpi.up' : 'metrics.kpi.down', { v: amount })}`}
            </div>
            <div className="db-kpi-detail">{k.detail(data.figures, fmt)}</div>
            {href ? (
              <Link to={href} className="db-kpi-link" data-testid={`kpi-link-${k.key}`}>
                {t(k.linkLabel)} <RightOutlined aria-hidden />
              </Link>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
