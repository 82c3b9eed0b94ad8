/**
 * ECharts, only the parts the trend chart draws (line + bar on a grid, tooltip, legend, canvas
 * renderer): the whole library would be ~1 MB of the office subpackage, this is about half.
 */
import * as echarts from 'echarts/core'
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer])

export { echarts }
