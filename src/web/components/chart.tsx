import { theme } from 'antd';
import { BarChart, LineChart, PieChart, TreemapChart, type BarSeriesOption, type LineSeriesOption, type PieSeriesOption, type TreemapSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type MarkLineComponentOption,
  type TooltipComponentOption,
  type VisualMapComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import langVI from 'echarts/lib/i18n/langVI.js';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useLanguage } from '../i18n/i18n.tsx';

// Only the pieces the dashboards draw, so the bundle stays small. SVG keeps text crisp on the
// 1080p TV screens and in screenshots.
echarts.use([BarChart, LineChart, PieChart, TreemapChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);
echarts.registerLocale('VI', langVI);

export type ChartOption = echarts.ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | TreemapSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
>;

/** What a click on a bar, point or treemap cell reports (the `data` item carries our own fields). */
export interface ChartClick {
  name: string;
  dataIndex: number;
  seriesIndex?: number;
  data: unknown;
}

interface ChartProps {
  option: ChartOption;
  /** CSS height of the drawing (the width follows the container). */
  height?: number | string;
  /** What the chart shows, for screen readers (the figures themselves are also in a table nearby). */
  ariaLabel: string;
  onClick?: (item: ChartClick) => void;
  testId?: string;
  /** Text colour on dark backgrounds (the TV mode). */
  dark?: boolean;
}

/**
 * The one chart of the web app: ECharts with the Vietnamese locale and the antd theme's colours,
 * redrawn when the container resizes, disposed on unmount.
 */
export function Chart({ option, height = 320, ariaLabel, onClick, testId, dark = false }: ChartProps) {
  const { token } = theme.useToken();
  const [lang] = useLanguage();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  // One instance per language (ECharts takes the locale only at init).
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'svg', locale: lang === 'vi' ? 'VI' : 'EN' });
    chart.current = instance;
    instance.on('click', (p) => clickRef.current?.({ name: p.name, dataIndex: p.dataIndex, seriesIndex: p.seriesIndex, data: p.data }));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [lang]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    const text = dark ? '#ffffff' : token.colorText;
    instance.setOption(
      {
        // Motion follows the app (antd's motion is off when the user asked for reduced motion).
        animation: token.motion,
        color: [token.colorInfo, token.colorPrimary, '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f', '#5d4037'],
        textStyle: { fontFamily: token.fontFamily, color: text, fontSize: token.fontSizeSM + 1 },
        ...option,
      },
      { notMerge: true },
    );
    box.current?.setAttribute('data-drawn', '1');
  }, [option, token, dark, lang]);

  return <div ref={box} role="img" aria-label={ariaLabel} data-testid={testId} className="cv-chart" style={{ width: '100%', height }} />;
}
