import { Grid } from 'antd';
import { useMemo } from 'react';
import type { TTreeNode } from '../../../shared/schemas/metrics.ts';
import { Chart, type ChartOption } from '../../components/chart.tsx';
import { useLanguage, useT } from '../../i18n/i18n.tsx';
import { formatCount, formatPercent, rateColour } from './metrics-format.ts';
import { toBoxes, type Box } from './treemap-boxes.ts';

/** The units as a treemap coloured by on-time rate; a click opens that unit's dashboard. */
export function UnitTreemap({ nodes, rootId, onOpen, height = 460 }: { nodes: TTreeNode[]; rootId: string | null; onOpen: (unitId: string) => void; height?: number }) {
  const t = useT();
  const [lang] = useLanguage();
  // A phone has room for the names of the big boxes only.
  const narrow = !Grid.useBreakpoint().md;
  const minShare = narrow ? 1 / 30 : 1 / 100;
  const boxes = useMemo(() => toBoxes(nodes, rootId), [nodes, rootId]);
  const total = boxes.reduce((sum, b) => sum + b.value, 0);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: {
        formatter: (p) => {
          const d = (p as { data?: Box }).data;
          return d ? `<strong>${escapeHtml(d.name)}</strong><br/>${t('metrics.tree.tooltip', { received: formatCount(d.received, lang), rate: formatPercent(d.rate, lang) })}` : '';
        },
      },
      series: [
        {
          type: 'treemap',
          data: boxes,
          roam: false,
          nodeClick: false,
          breadcrumb: { show: false },
          width: '100%',
          height: '100%',
          top: 0,
          left: 0,
          // Small boxes clip their label rather than spill it over the neighbours (the tooltip has it all).
          // Small boxes go unlabelled (their name is in the tooltip) rather than show a clipped "Xã …".
          label: {
            show: true,
            color: '#fff',
            fontWeight: 600,
            fontSize: 12,
            lineHeight: 16,
            overflow: 'truncate',
            lineOverflow: 'truncate',
            ellipsis: '…',
            formatter: (p) => ((p.value as number) < total * minShare ? '' : `${p.name}\n${formatPercent((p.data as Box).rate, lang)}`),
          },
          itemStyle: { borderColor: '#fff', borderWidth: 2, gapWidth: 2 },
        },
      ],
    }),
    [boxes, total, minShare, t, lang],
  );
  if (!boxes.length) return <p className="db-empty">{t('metrics.tree.empty')}</p>;
  if (boxes.every((b) => b.received === 0 && b.rate === null)) return <p className="db-empty">{t('metrics.tree.noFigures')}</p>;
  return (
    <>
      <Chart option={option} height={narrow ? Math.min(height, 360) : height} ariaLabel={t('metrics.tree.aria')} testId="unit-treemap" onClick={(c) => { const id = (c.data as Box | undefined)?.id; if (id) onOpen(id); }} />
      <ul className="db-legend" aria-label={t('metrics.tree.legend')}>
        {[
          [rateColour(99), t('metrics.tree.band.good')],
          [rateColour(90), t('metrics.tree.band.fair')],
          [rateColour(50), t('metrics.tree.band.poor')],
          [rateColour(null), t('metrics.tree.band.none')],
        ].map(([c, l]) => (
          <li key={l}>
            <span className="db-swatch" style={{ background: c }} aria-hidden /> {l}
          </li>
        ))}
      </ul>
    </>
  );
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
