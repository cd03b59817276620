import { FullscreenOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { TPortal, TUnitRankRow } from '../../../shared/schemas/metrics.ts';
import { usePortal } from '../../api/metrics.ts';
import { useLanguage, useT, type TKey } from '../../i18n/i18n.tsx';
import { vnWallClock } from '../../lib/format.ts';
import { formatDecimal, formatPercent, rateColour } from '../dashboard/metrics-format.ts';
import { provinceTiles } from './portal-parts.tsx';
import { topAndBottom } from './top-bottom.ts';
import './transparency.css';

type Slide = 'province' | 'agencies' | 'communes' | 'index';
const SLIDES: { key: Slide; title: TKey }[] = [
  { key: 'province', title: 'metrics.tv.slide.province' },
  { key: 'agencies', title: 'metrics.tv.slide.agencies' },
  { key: 'communes', title: 'metrics.tv.slide.communes' },
  { key: 'index', title: 'metrics.tv.slide.index' },
];

/** The on-time bands of the dashboards, in tones that read on the dark screen. */
const tvRateColour = (rate: number | null) => ({ '#2e7d32': '#a5d6a7', '#b45309': '#ffcc80', '#c62828': '#ef9a9a' })[rateColour(rate)] ?? '#cfd8dc';

function useNow(ms = 1000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), ms);
    return () => window.clearInterval(id);
  }, [ms]);
  return now;
}

function RankColumn({ title, rows, tone }: { title: string; rows: TUnitRankRow[]; tone: 'top' | 'bottom' }) {
  const t = useT();
  const [lang] = useLanguage();
  return (
    <div className={`tv-col tv-col-${tone}`}>
      <h2 className="tv-col-title">{title}</h2>
      <ol className="tv-list">
        {rows.map((r) => (
          <li key={r.unitId} className="tv-row" data-testid="tv-row">
            <span className="tv-row-rank">{r.rank}</span>
            <span className="tv-row-name">{r.name}</span>
            <span className="tv-row-rate" style={{ color: tvRateColour(r.onTimeRate) }}>
              <span className="tv-row-sub">{t('metrics.tv.onTime')}</span>
              {formatPercent(r.onTimeRate, lang)}
            </span>
            <span className="tv-row-index">
              <span className="tv-row-sub">{t('metrics.tv.index')}</span>
              {formatDecimal(r.index766, lang)}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

function SlideBody({ slide, data }: { slide: Slide; data: TPortal }) {
  const t = useT();
  const [lang] = useLanguage();
  if (slide === 'province') {
    return (
      <ul className="tv-tiles">
        {provinceTiles(data.province, lang).map((tile) => (
          <li key={tile.key} className="tv-tile">
            <span className="tv-tile-label">{t(tile.label)}</span>
            <span className="tv-tile-value">{tile.value}</span>
            {tile.note ? <span className="tv-tile-note">{t(tile.note.key, tile.note.params)}</span> : null}
          </li>
        ))}
      </ul>
    );
  }
  if (slide === 'index') {
    const idx = data.province.index766;
    return (
      <div className="tv-index">
        <p className="tv-index-total">
          {idx.total === null ? '—' : formatDecimal(idx.total, lang)}
          <span className="tv-index-max">/{idx.max}</span>
        </p>
        <ul className="tv-groups">
          {idx.groups.map((g) => (
            <li key={g.code} className="tv-group">
              <span className="tv-group-name">{g.name}</span>
              <span className="tv-group-track" aria-hidden>
                <span className="tv-group-fill" style={{ width: `${g.score === null ? 0 : Math.min(100, (100 * g.score) / Math.max(g.max, 1))}%` }} />
              </span>
              <span className="tv-group-score">{g.score === null ? t('metrics.index.notMeasured') : `${formatDecimal(g.score, lang)}/${g.max}`}</span>
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const rows = slide === 'agencies' ? data.agencies : data.communes;
  const { top, bottom } = topAndBottom(rows);
  if (!top.length) return <p className="tv-empty">{t('metrics.portal.noUnits')}</p>;
  return (
    <div className="tv-cols">
      <RankColumn title={t('metrics.tv.top')} rows={top} tone="top" />
      {bottom.length ? <RankColumn title={t('metrics.tv.bottom')} rows={bottom} tone="bottom" /> : null}
    </div>
  );
}

/**
 * /cong-khai/tv: the portal for the TV screens of a one-stop service centre (1920×1080): large
 * type, high contrast, one slide every 15 s (?interval=seconds), a clock, refreshed every minute.
 */
export default function TvPage() {
  const t = useT();
  const [params] = useSearchParams();
  const seconds = Math.max(5, Math.min(120, Number(params.get('interval')) || 15));
  const portal = usePortal();
  const now = useNow();
  const [index, setIndex] = useState(0);
  const [pointer, setPointer] = useState(false);
  useEffect(() => {
    const id = window.setInterval(() => setIndex((i) => (i + 1) % SLIDES.length), seconds * 1000);
    return () => window.clearInterval(id);
  }, [seconds]);
  // The full-screen button shows only while someone moves the mouse.
  useEffect(() => {
    let timer = 0;
    const moved = () => {
      setPointer(true);
      window.clearTimeout(timer);
      timer = window.setTimeout(() => setPointer(false), 4000);
    };
    window.addEventListener('mousemove', moved);
    return () => {
      window.removeEventListener('mousemove', moved);
      window.clearTimeout(timer);
    };
  }, []);
  useEffect(() => {
    const before = document.title;
    document.title = t('metrics.portal.title');
    return () => {
      document.title = before;
    };
  }, [t]);
  const clock = useMemo(() => vnWallClock(now), [now]);
  const secs = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', second: '2-digit' }).format(now).padStart(2, '0');
  const slide = SLIDES[index]!;
  const data = portal.data;
  const updated = data ? vnWallClock(data.updatedAt) : null;
  return (
    <div className={pointer ? 'tv tv-pointer' : 'tv'} data-testid="tv-page" data-slide={slide.key}>
      <header className="tv-head">
        <div>
          <p className="tv-brand">{t('metrics.portal.title')}</p>
          <h1 className="tv-title">{t(slide.title)}</h1>
        </div>
        <div className="tv-clock-box">
          <p className="tv-clock" data-testid="tv-clock">
            {clock?.time}
            <span className="tv-clock-s">:{secs}</span>
          </p>
          <p className="tv-date">{clock ? clock.date.split('-').reverse().join('/') : ''}</p>
        </div>
      </header>
      <main className="tv-main" aria-live="off">
        {data ? <SlideBody slide={slide.key} data={data} /> : <p className="tv-empty">{portal.isError ? t('metrics.tv.offline') : t('app.loading')}</p>}
      </main>
      <footer className="tv-foot">
        <span>{data ? `${data.period.label}` : ''}</span>
        <ol className="tv-dots" aria-label={t('metrics.tv.slides')}>
          {SLIDES.map((s, i) => (
            <li key={s.key} className={i === index ? 'tv-dot tv-dot-on' : 'tv-dot'} aria-current={i === index ? 'step' : undefined}>
              <span className="cv-sr-only">{t(s.title)}</span>
            </li>
          ))}
        </ol>
        <span data-testid="tv-updated">{updated ? t('metrics.tv.updated', { time: updated.time }) : ''}</span>
      </footer>
      <div key={index} className="tv-progress" style={{ animationDuration: `${seconds}s` }} aria-hidden />
      {pointer && document.fullscreenEnabled && !document.fullscreenElement ? (
        <button type="button" className="tv-fullscreen" onClick={() => void document.documentElement.requestFullscreen().catch(() => undefined)}>
          <FullscreenOutlined aria-hidden /> {t('metrics.tv.fullscreen')}
        </button>
      ) : null}
    </div>
  );
}
