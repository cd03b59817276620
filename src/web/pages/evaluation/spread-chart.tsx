import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { spreadOf } from '../../../domain/evaluation/flat-units.ts';
import type { Level } from '../../../domain/evaluation/classification.ts';
import { useLanguage, useT, type TKey } from '../../i18n/i18n.tsx';
import { formatScore, levelOf, THRESHOLDS } from './evaluation-labels.ts';

export interface SpreadPoint {
  score: number;
  /** Who (for the dot's tooltip). */
  label: string;
}

interface SpreadChartProps {
  points: readonly SpreadPoint[];
  /** What the scores are (e.g. "Điểm chốt tháng 10/2026"): the chart's accessible name. */
  title: string;
  testId?: string;
}

const LEVEL_FILL: Record<Level, string> = { excellent: '#2e7d32', good: '#1d5fa8', complete: '#9a6700', incomplete: '#b71c1c' };
const BAND_FILL: Record<Level, string> = { excellent: '#e7f3e8', good: '#e8f0fa', complete: '#fdf6e3', incomplete: '#fcebea' };
const BANDS: { level: Level; from: number; to: number }[] = [
  { level: 'incomplete', from: 0, to: THRESHOLDS.complete },
  { level: 'complete', from: THRESHOLDS.complete, to: THRESHOLDS.good },
  { level: 'good', from: THRESHOLDS.good, to: THRESHOLDS.excellent },
  { level: 'excellent', from: THRESHOLDS.excellent, to: 100 },
];
const LEVEL_ORDER: Level[] = ['excellent', 'good', 'complete', 'incomplete'];
const rangeKey = (level: Level): TKey => `evaluation.chart.range.${level}`;
const shortKey = (level: Level): TKey => `evaluation.levelShort.${level}`;

/** Above this many people in one point, dots give way to a histogram of 2-point bars. */
const MAX_DOT_STACK = 22;

function useWidth<T extends HTMLElement>(initial: number) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(initial);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const measure = () => setWidth(Math.max(260, Math.floor(el.getBoundingClientRect().width)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

/**
 * The spread of a unit's scores on the 0–100 scale: one dot per person, stacked where scores
 * coincide (a histogram when there are too many), over the level bands with the 50/70/90
 * thresholds marked. A flat unit shows as one tall stack.
 */
export function SpreadChart({ points, title, testId = 'spread-chart' }: SpreadChartProps) {
  const t = useT();
  const [lang] = useLanguage();
  const [wrapRef, width] = useWidth<HTMLDivElement>(640);
  const titleId = useId();
  const descId = useId();
  const scores = useMemo(() => points.map((p) => p.score), [points]);
  const stats = useMemo(() => spreadOf(scores), [scores]);
  const counts = useMemo(() => {
    const c: Record<Level, number> = { excellent: 0, good: 0, complete: 0, incomplete: 0 };
    for (const s of scores) c[levelOf(s)!] += 1;
    return c;
  }, [scores]);

  const narrow = width < 520;
  const margin = { left: 14, right: 14, top: narrow ? 12 : 30, bottom: 40 };
  const r = narrow ? 4 : 5;
  const step = r * 2 + 1;
  const innerWidth = width - margin.left - margin.right;
  // Dots stack per bin of whole points, a bin being at least one dot wide (1 point on a desktop, a few on a phone).
  const binPoints = Math.max(1, Math.ceil(step / (innerWidth / 100)));
  const stacks = useMemo(() => {
    const byBin = new Map<number, SpreadPoint[]>();
    for (const p of [...points].sort((a, b) => a.score - b.score)) {
      const clamped = Math.min(100, Math.max(0, p.score));
      const key = binPoints === 1 ? Math.round(clamped) : Math.min(100, Math.floor(clamped / binPoints) * binPoints + binPoints / 2);
      byBin.set(key, [...(byBin.get(key) ?? []), p]);
    }
    return byBin;
  }, [points, binPoints]);
  const tallest = Math.max(0, ...[...stacks.values()].map((s) => s.length));
  const dots = tallest <= MAX_DOT_STACK;

  const bins = useMemo(() => {
    if (dots) return [];
    const b = Array.from({ length: 50 }, (_, i) => ({ from: i * 2, count: 0 }));
    for (const s of scores) b[Math.min(49, Math.floor(Math.max(0, s) / 2))]!.count += 1;
    return b;
  }, [dots, scores]);
  const maxBin = Math.max(1, ...bins.map((b) => b.count));
  const plotHeight = dots ? Math.max(90, tallest * step + 16) : 180;
  const height = margin.top + plotHeight + margin.bottom;
  const x = (score: number) => margin.left + (Math.min(100, Math.max(0, score)) / 100) * innerWidth;
  const baseline = margin.top + plotHeight;

  const summary = stats
    ? t('evaluation.chart.summary', {
        count: stats.count,
        min: formatScore(stats.min, lang),
        max: formatScore(stats.max, lang),
        mean: formatScore(stats.mean, lang),
        spread: formatScore(stats.spread, lang),
        sd: formatScore(stats.stdDev, lang),
      })
    : t('evaluation.chart.empty');
  const levels = LEVEL_ORDER.map((l) => `${t(rangeKey(l))}: ${t('evaluation.chart.people', { count: counts[l] })}`).join('; ');

  return (
    <figure className="ev-chart" data-testid={testId}>
      <div ref={wrapRef} className="ev-chart-canvas">
        <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${titleId} ${descId}`} className="ev-chart-svg">
          <title id={titleId}>{title}</title>
          <desc id={descId}>{`${summary} ${levels}.`}</desc>
          {BANDS.map((b) => (
            <g key={b.level}>
              <rect x={x(b.from)} y={margin.top} width={x(b.to) - x(b.from)} height={plotHeight} fill={BAND_FILL[b.level]} />
              {narrow ? null : (
                <text x={(x(b.from) + x(b.to)) / 2} y={margin.top - 10} textAnchor="middle" className="ev-chart-band-label">
                  {t(shortKey(b.level))}
                </text>
              )}
            </g>
          ))}
          {/* the axis: ticks every 10 points, the thresholds drawn through the plot */}
          <line x1={x(0)} x2={x(100)} y1={baseline} y2={baseline} stroke="#5c5c5c" />
          {Array.from({ length: 11 }, (_, i) => i * 10).map((v) => {
            const threshold = v === THRESHOLDS.complete || v === THRESHOLDS.good || v === THRESHOLDS.excellent;
            if (narrow && !threshold && v % 20 !== 0) return <line key={v} x1={x(v)} x2={x(v)} y1={baseline} y2={baseline + 4} stroke="#5c5c5c" />;
            return (
              <g key={v}>
                <line x1={x(v)} x2={x(v)} y1={baseline} y2={baseline + 5} stroke="#5c5c5c" />
                <text x={x(v)} y={baseline + 19} textAnchor={v === 0 ? 'start' : v === 100 ? 'end' : 'middle'} className={threshold ? 'ev-chart-tick ev-chart-tick-strong' : 'ev-chart-tick'}>
                  {v}
                </text>
              </g>
            );
          })}
          {[THRESHOLDS.complete, THRESHOLDS.good, THRESHOLDS.excellent].map((v) => (
            <line key={v} x1={x(v)} x2={x(v)} y1={margin.top} y2={baseline} stroke="#3a3a3a" strokeDasharray="4 3" strokeWidth={1.2} data-threshold={v} />
          ))}
          <text x={x(0)} y={height - 4} textAnchor="start" className="ev-chart-axis-label">
            {t('evaluation.chart.axis')}
          </text>
          {stats ? (
            <g className="ev-chart-mean">
              <line x1={x(stats.mean)} x2={x(stats.mean)} y1={margin.top + 2} y2={baseline} stroke="#1f1f1f" strokeWidth={1} strokeDasharray="1 3" />
              <path d={`M ${x(stats.mean) - 5} ${baseline + 32} L ${x(stats.mean) + 5} ${baseline + 32} L ${x(stats.mean)} ${baseline + 25} Z`} fill="#1f1f1f">
                <title>{t('evaluation.chart.mean', { mean: formatScore(stats.mean, lang) })}</title>
              </path>
            </g>
          ) : null}
          {dots
            ? [...stacks.entries()].flatMap(([point, stack]) =>
                stack.map((p, i) => (
                  <circle key={`${point}-${i}`} cx={x(point)} cy={baseline - r - 2 - i * step} r={r} fill={LEVEL_FILL[levelOf(p.score)!]} stroke="#fff" strokeWidth={1} data-testid="spread-dot">
                    <title>{`${p.label}: ${formatScore(p.score, lang)}`}</title>
                  </circle>
                )),
              )
            : bins
                .filter((b) => b.count > 0)
                .map((b) => {
                  const h = (b.count / maxBin) * (plotHeight - 16);
                  return (
                    <rect key={b.from} x={x(b.from) + 0.5} y={baseline - h} width={Math.max(1, x(b.from + 2) - x(b.from) - 1)} height={h} fill={LEVEL_FILL[levelOf(b.from + 1)!]} data-testid="spread-bar">
                      <title>{t('evaluation.chart.bin', { from: b.from, to: b.from + 2, count: b.count })}</title>
                    </rect>
                  );
                })}
        </svg>
      </div>
      <figcaption className="ev-chart-caption">
        <ul className="ev-chart-legend" aria-label={t('evaluation.chart.legend')}>
          {LEVEL_ORDER.map((l) => (
            <li key={l} data-testid={`spread-count-${l}`}>
              <span className="ev-swatch" style={{ background: LEVEL_FILL[l] }} aria-hidden />
              {t(rangeKey(l))}: <strong>{counts[l]}</strong>
            </li>
          ))}
        </ul>
        <div className="cv-muted" data-testid="spread-summary">
          {summary} {t('evaluation.chart.thresholdsNote')}
        </div>
      </figcaption>
    </figure>
  );
}
