import { View } from '@tarojs/components'
import type { RankEntry, RankList, Rankings } from '@civic/shared'
import { percent } from './format'
import type { Period } from './period'
import SectionState from './SectionState'
import { getRankings } from './service'
import { useStats } from './useStats'

const BOARDS: ReadonlyArray<{ key: keyof Omit<Rankings, 'from' | 'to'>; title: string; measure: string }> = [
  { key: 'unitsByParticipation', title: '单位参与率', measure: '参与率' },
  { key: 'unitsByCompliance', title: '单位周上街达标率', measure: '达标率' },
  { key: 'communitiesByParticipation', title: '社区参与率', measure: '参与率' },
  { key: 'unitsByOnTimeRectification', title: '单位按期整改率（随手拍）', measure: '按期整改率' },
]

function Entries({ entries, kind }: { entries: readonly RankEntry[]; kind: 'red' | 'black' }) {
  if (entries.length === 0) return <View className="dash-rank-empty">暂无</View>
  return (
    <View>
      {entries.map((e) => (
        <View key={e.id} className={`dash-rank-entry dash-rank-entry--${kind}`}>
          <View className="dash-rank-no">{e.rank}</View>
          <View className="dash-rank-name">{e.name}</View>
          <View className="dash-rank-value">{percent(e.value)}</View>
        </View>
      ))}
    </View>
  )
}

function Board({ title, list }: { title: string; list: RankList }) {
  return (
    <View className="dash-board">
      <View className="dash-board-title">{`${title}（参与排名 ${list.ranked} 个）`}</View>
      <View className="dash-board-lists">
        <View className="dash-board-list dash-red">
          <View className="dash-board-caption">红榜 · 前 {list.top.length}</View>
          <Entries entries={list.top} kind="red" />
        </View>
        <View className="dash-board-list dash-black">
          <View className="dash-board-caption">黑榜 · 后 {list.bottom.length}</View>
          <Entries entries={list.bottom} kind="black" />
        </View>
      </View>
      {list.unranked.length ? (
        <View className="dash-note">{`不参与排名（无在编人数、无注册居民或无上街安排）：${list.unranked.map((u) => u.name).join('、')}`}</View>
      ) : null}
    </View>
  )
}

/** 红黑榜: the best 10 and worst 10 units and communities for the period. */
export default function RankingsSection({ period }: { period: Period }) {
  const stats = useStats<Rankings>(`${period.from}|${period.to}`, () => getRankings(period))
  const data = stats.data
  return (
    <View className="dash-card dash-rankings">
      <View className="dash-card-head">
        <View className="dash-card-title">红黑榜</View>
      </View>
      <SectionState stats={stats} hasData={!!data}>
        {data ? (
          <View className="dash-boards">
            {BOARDS.map((b) => (
              <Board key={b.key} title={b.title} list={data[b.key]} />
            ))}
          </View>
        ) : null}
      </SectionState>
    </View>
  )
}
