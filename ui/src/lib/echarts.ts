// ECharts for the dashboard, imported per part (tree-shaken): bar and line charts, their grid,
// tooltip, plain legend and mark lines, drawn as SVG. SVG text is page text: it uses the shipped
// Noto Sans SC and loads only the unicode-range chunks its words need (a canvas would draw with
// whatever font had loaded by then).
import { use, type ComposeOption } from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts'
import {
  GridComponent,
  LegendPlainComponent,
  MarkLineComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type MarkLineComponentOption,
  type TooltipComponentOption,
} from 'echarts/components'

use([SVGRenderer, BarChart, LineChart, GridComponent, LegendPlainComponent, MarkLineComponent, TooltipComponent])

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | MarkLineComponentOption | TooltipComponentOption
>
export type { BarSeriesOption, LineSeriesOption }

/** The app's face in chart text (the same stack as the page's, shipped font first). */
export const CHART_FONT = "'Noto Sans SC', system-ui, -apple-system, 'Segoe UI', 'Microsoft YaHei', sans-serif"
