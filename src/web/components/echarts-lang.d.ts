// ECharts ships its locale packs as plain ES modules without type declarations.
declare module 'echarts/lib/i18n/langVI.js' {
  const lang: Parameters<typeof import('echarts/core').registerLocale>[1];
  export default lang;
}
