import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { errorMessage } from '../../../../utils/feedback'
import type { Stats } from './useStats'

interface Props {
  stats: Stats<unknown>
  /** the figures to show are there (possibly the previous period's while the next load) */
  hasData: boolean
  isEmpty?: boolean
  emptyText?: string
  children: ReactNode
}

/** A section's loading, error and empty states around its figures. */
export default function SectionState({ stats, hasData, isEmpty, emptyText = '暂无数据', children }: Props) {
  if (stats.error) {
    return (
      <View className="dash-state dash-error">
        <View>{`加载失败：${errorMessage(stats.error)}`}</View>
        <View className="dash-retry" onClick={() => stats.reload()}>
          重试
        </View>
      </View>
    )
  }
  if (!hasData) {
    return (
      <View className="dash-state dash-loading" aria-busy="true">
        加载中…
      </View>
    )
  }
  return (
    <View className={stats.loading ? 'dash-body dash-body--reloading' : 'dash-body'} aria-busy={stats.loading ? 'true' : undefined}>
      {isEmpty ? <View className="dash-state dash-empty">{emptyText}</View> : children}
    </View>
  )
}
