import { View } from '@tarojs/components'
import type { WeeklyRow } from '@civic/shared'
import { useEffect, useMemo, useRef } from 'react'
import Echarts from 'taro-react-echarts'
import { echarts } from './echarts'
import { trendOption } from './trend'

type Chart = { resize(opts: { width: 'auto'; height: 'auto' }): void; isDisposed(): boolean }

/**
 * The weekly trend, drawn by ECharts through taro-react-echarts (a <canvas type="2d"> in the weapp,
 * a canvas in a <div> in H5). Not a page-level chart (`isPage={false}`): it appears after the
 * figures load, when the page's onReady has long passed.
 */
export default function TrendChart({ rows }: { rows: readonly WeeklyRow[] }) {
  const option = useMemo(() => trendOption(rows), [rows])
  const chart = useRef<Chart | null>(null)
  // a desktop browser window changes size; the chart follows
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return
    const onResize = () => {
      const c = chart.current
      if (c && !c.isDisposed()) c.resize({ width: 'auto', height: 'auto' })
    }
    window.addEventListener('resize', onResize)
    return () => window.removeEventListener('resize', onResize)
  }, [])
  return (
    <View className="trend-chart" aria-label="每周趋势图">
      <Echarts
        echarts={echarts}
        option={option as never}
        isPage={false}
        style={{ height: '260px' }}
        onChartReady={(c) => {
          chart.current = c as unknown as Chart
        }}
      />
    </View>
  )
}
