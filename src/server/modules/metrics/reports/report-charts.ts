/**
 * The report's charts, drawn on the server by ECharts' string SVG renderer (no DOM, no canvas) and
 * embedded in the PDF as vector images. No animation: the SVG must show its final state.
 */
import type { EChartsCoreOption } from 'echarts/core';
import type { TTrendPoint, TUnitRankRow } from '../../../../shared/schemas/metrics.ts';
import { SLIP_FONT } from '../../dossiers/slips/pdf-engine.ts';
import { formatFigure, monthLabel } from './report-figures.ts';

let engine: Promise<typeof import('echarts/core')> | undefined;

/** ECharts costs about 20 MB resident: loaded by the first PDF report, not at start. */
function loadECharts() {
  engine ??= (async () => {
    const [core, charts, components, renderers] = await Promise.all([import('echarts/core'), import('echarts/charts'), import('echarts/components'), import('echarts/renderers')]);
    core.use([charts.BarChart, charts.LineChart, components.GridComponent, components.LegendComponent, components.MarkLineComponent, renderers.SVGRenderer]);
    return core;
  })();
  return engine;
}

const TEXT = { fontFamily: SLIP_FONT, fontSize: 11, color: '#1f2937' };
const BLUE = '#1d4ed8';
const GREEN = '#15803d';

async function renderSvg(option: EChartsCoreOption, width: number, height: number): Promise<string> {
  const chart = (await loadECharts()).init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: TEXT, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const percentAxis = { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%', fontSize: 9 }, splitLine: { lineStyle: { color: '#e5e7eb' } } };
/** Lines start a little under their lowest point (rates of 85–95% would otherwise look flat). */
const zoomedPercentAxis = { ...percentAxis, min: (v: { min: number }) => Math.max(0, Math.floor(v.min / 10) * 10 - 10) };

/** Monthly on-time rate and satisfaction index (percent); a month without data is a gap, not a 0. */
export function trendChartSvg(points: TTrendPoint[], width = 515, height = 220): Promise<string> {
  return renderSvg(
    {
      legend: { top: 0, textStyle: TEXT },
      grid: { left: 44, right: 16, top: 34, bottom: 28 },
      xAxis: { type: 'category', data: points.map((p) => monthLabel(p.month)), axisLabel: { fontSize: 9, interval: 0 } },
      yAxis: zoomedPercentAxis,
      series: [
        { name: 'Tỷ lệ đúng hạn', type: 'line', data: points.map((p) => p.onTimeRate), connectNulls: false, symbolSize: 5, lineStyle: { width: 2 }, itemStyle: { color: BLUE } },
        { name: 'Chỉ số hài lòng', type: 'line', data: points.map((p) => p.satisfactionIndex), connectNulls: false, symbolSize: 5, lineStyle: { width: 2 }, itemStyle: { color: GREEN } },
      ],
    },
    width,
    height,
  );
}

/** Bars per chart: a chart of more units is split so that each part fits on a page. */
export const BARS_PER_CHART = 40;

/** The children's on-time rates as horizontal bars, best first, in parts of at most BARS_PER_CHART; units without data are left out. */
export function childrenChartSvgs(children: TUnitRankRow[], width = 515): Promise<string[]> {
  const rows = children.filter((c) => c.onTimeRate !== null).sort((a, b) => b.onTimeRate! - a.onTimeRate! || a.name.localeCompare(b.name, 'vi'));
  const parts: TUnitRankRow[][] = [];
  for (let i = 0; i < rows.length; i += BARS_PER_CHART) parts.push(rows.slice(i, i + BARS_PER_CHART));
  return Promise.all(parts.map((part) => barChart(part, width)));
}

function barChart(rows: TUnitRankRow[], width: number): Promise<string> {
  return renderSvg(
    {
      grid: { left: 170, right: 44, top: 6, bottom: 24 },
      xAxis: percentAxis,
      yAxis: { type: 'category', inverse: true, data: rows.map((c) => c.name), axisLabel: { fontSize: 9, width: 160, overflow: 'truncate' } },
      series: [
        {
          name: 'Tỷ lệ đúng hạn',
          type: 'bar',
          barMaxWidth: 10,
          data: rows.map((c) => c.onTimeRate),
          itemStyle: { color: BLUE },
          // No text border: the PDF's SVG reader ignores paint-order and would draw the white halo on top.
          label: { show: true, position: 'right', fontSize: 9, fontFamily: SLIP_FONT, textBorderWidth: 0, textBorderColor: 'transparent', formatter: (p: { value: unknown }) => formatFigure(Number(p.value), 'percent') },
        },
      ],
    },
    width,
    30 + rows.length * 15,
  );
}
