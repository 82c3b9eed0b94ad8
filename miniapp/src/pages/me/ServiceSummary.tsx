import { View } from '@tarojs/components'
import { Cell, Progress } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import type { Summary } from '@civic/shared'
import { ROUTES } from '../../services/routes'

function go(url: string) {
  void Taro.navigateTo({ url })
}

const fmt = (h: number) => `${Math.round(h * 10) / 10}`

/** 我的: hours, points, the star level with progress to the next, and the records' entries. */
export default function ServiceSummary({ summary }: { summary: Summary }) {
  const { star } = summary
  const percent = Math.max(0, Math.min(100, Math.round(star.progress * 100)))
  return (
    <View className="me-summary">
      <View className="me-stats">
        <View className="me-stat me-stat--year">
          <View className="me-stat-value">{fmt(summary.hoursThisYear)}</View>
          <View className="me-stat-label">今年时长(小时)</View>
        </View>
        <View className="me-stat me-stat--total">
          <View className="me-stat-value">{fmt(summary.totalHours)}</View>
          <View className="me-stat-label">累计时长(小时)</View>
        </View>
        <View className="me-stat me-stat--points">
          <View className="me-stat-value">{summary.points}</View>
          <View className="me-stat-label">积分</View>
        </View>
      </View>
      <View className="me-star">
        <View className="me-star-name">{star.level > 0 ? `${star.name}` : star.name || '暂未获得星级'}</View>
        <Progress className="me-star-progress" percent={percent} color="#c8102e" />
        <View className="me-star-next">
          {star.nextThreshold != null
            ? `距下一星级还需 ${fmt(Math.max(0, star.nextThreshold - star.hours))} 小时（${fmt(star.hours)}/${fmt(star.nextThreshold)}）`
            : '已达最高星级'}
        </View>
        {summary.rankInCommunity ? (
          <View className="me-rank">{`${summary.rankInCommunity.community.name} 第 ${summary.rankInCommunity.rank} 名（共 ${summary.rankInCommunity.of} 人）`}</View>
        ) : null}
      </View>
      <Cell.Group title="志愿服务">
        <Cell className="me-records" title="服务记录" clickable onClick={() => go(ROUTES.myAttendance)} />
        <Cell className="me-ledger" title="积分明细" extra={`${summary.points} 分`} clickable onClick={() => go(ROUTES.myPoints)} />
        <Cell className="me-certificate" title="志愿服务证明" clickable onClick={() => go(ROUTES.certificate)} />
      </Cell.Group>
    </View>
  )
}
