/** The weekly trend as an ECharts option: people (line, left axis) and hours (bars, right axis). */
import type { WeeklyRow } from '@civic/shared'
import { shortDate } from './format'

export const TREND_COLORS = { people: '#c8102e', volunteerHours: '#f4a93b', dutyHours: '#5b8ff9' }

export function trendOption(rows: readonly WeeklyRow[]) {
  return {
    animation: false,
    color: [TREND_COLORS.people, TREND_COLORS.volunteerHours, TREND_COLORS.dutyHours],
    grid: { left: 40, right: 44, top: 36, bottom: 28 },
    legend: { top: 0, itemWidth: 14, itemHeight: 8, textStyle: { fontSize: 11 } },
    tooltip: { trigger: 'axis', confine: true },
    xAxis: { type: 'category', data: rows.map((r) => shortDate(r.monday)), axisLabel: { fontSize: 10 } },
    yAxis: [
      { type: 'value', name: '人', minInterval: 1, nameTextStyle: { fontSize: 10 }, axisLabel: { fontSize: 10 } },
      { type: 'value', name: '小时', nameTextStyle: { fontSize: 10 }, axisLabel: { fontSize: 10 }, splitLine: { show: false } },
    ],
    series: [
      { name: '参与人数', type: 'line', yAxisIndex: 0, smooth: false, symbolSize: 6, showSymbol: rows.length <= 16, data: rows.map((r) => r.participants) },
      { name: '志愿服务时长', type: 'bar', yAxisIndex: 1, stack: 'hours', barMaxWidth: 18, data: rows.map((r) => r.volunteerHours) },
      { name: '上街时长', type: 'bar', yAxisIndex: 1, stack: 'hours', barMaxWidth: 18, data: rows.map((r) => r.dutyHours) },
    ],
  }
}
