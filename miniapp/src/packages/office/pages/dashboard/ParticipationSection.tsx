import { View } from '@tarojs/components'
import { PARTICIPATION_GROUP_LABELS, PARTICIPATION_GROUPS, type Participation, type ParticipationGroup, type ParticipationRow } from '@civic/shared'
import { count, hours, percent } from './format'
import type { Period } from './period'
import SectionState from './SectionState'
import { getParticipation } from './service'
import SortableTable, { type Column } from './SortableTable'
import ExportButton from './ExportButton'
import { useStats } from './useStats'

type Row = ParticipationRow
type Totals = Participation['totals']

const name: Column<Row> = { key: 'name', title: '名称', value: (r) => r.name }
const participants: Column<Row> = { key: 'participants', title: '参与人数', value: (r) => r.participants, numeric: true }
const rate: Column<Row> = { key: 'rate', title: '参与率', value: (r) => r.rate, text: (r) => percent(r.rate), numeric: true }
const volunteerHours: Column<Row> = { key: 'volunteerHours', title: '志愿时长', value: (r) => r.volunteerHours, text: (r) => hours(r.volunteerHours), numeric: true }

export const COLUMNS: Record<ParticipationGroup, ReadonlyArray<Column<Row>>> = {
  community: [
    { ...name, title: '社区' },
    { key: 'registered', title: '注册居民', value: (r) => r.registered, text: (r) => count(r.registered), numeric: true },
    participants,
    rate,
    { key: 'populationRate', title: '占常住人口', value: (r) => r.populationRate, text: (r) => percent(r.populationRate), numeric: true },
    volunteerHours,
    { key: 'hoursPerRegistered', title: '人均时长', value: (r) => r.hoursPerRegistered, text: (r) => hours(r.hoursPerRegistered), numeric: true },
  ],
  unit: [
    { ...name, title: '单位' },
    { key: 'headcount', title: '在编人数', value: (r) => r.headcount, text: (r) => count(r.headcount), numeric: true },
    { key: 'registered', title: '注册职工', value: (r) => r.registered, text: (r) => count(r.registered), numeric: true },
    participants,
    rate,
    volunteerHours,
    { key: 'dutyHours', title: '上街时长', value: (r) => r.dutyHours, text: (r) => hours(r.dutyHours), numeric: true },
  ],
  pairing: [
    { key: 'unit', title: '单位', value: (r) => r.unit?.name ?? r.name },
    { key: 'community', title: '社区', value: (r) => r.community?.name ?? null },
    { key: 'activities', title: '活动数', value: (r) => r.activities, text: (r) => count(r.activities), numeric: true },
    participants,
    { key: 'personHours', title: '投入人时', value: (r) => r.personHours, text: (r) => hours(r.personHours), numeric: true },
  ],
}

function footer(group: ParticipationGroup, t: Totals): string[] {
  if (group === 'community') {
    return ['合计', count(t.registered), count(t.participants), percent(t.rate), percent(t.populationRate), hours(t.volunteerHours), hours(t.hoursPerRegistered)]
  }
  if (group === 'unit') {
    return ['合计', count(t.headcount), count(t.registered), count(t.participants), percent(t.rate), hours(t.volunteerHours), hours(t.dutyHours)]
  }
  return ['合计', '', count(t.activities), count(t.participants), hours(t.personHours)]
}

const EMPTY: Record<ParticipationGroup, string> = {
  community: '没有可显示的社区',
  unit: '没有可显示的单位',
  pairing: '没有包联关系',
}

interface Props {
  period: Period
  group: ParticipationGroup
  onGroup: (g: ParticipationGroup) => void
}

/** 参与情况: by community, unit or pairing (包联), sortable, with the totals and an Excel export. */
export default function ParticipationSection({ period, group, onGroup }: Props) {
  const stats = useStats<Participation>(`${group}|${period.from}|${period.to}`, () => getParticipation(group, period))
  // figures of another grouping (while the new ones load) would not fit these columns
  const data = stats.data?.groupBy === group ? stats.data : undefined
  return (
    <View className="dash-card dash-participation">
      <View className="dash-card-head">
        <View className="dash-card-title">参与情况</View>
        <ExportButton spec={{ kind: 'participation', groupBy: group, period }} />
      </View>
      <View className="dash-chips">
        {PARTICIPATION_GROUPS.map((g) => (
          <View key={g} className={`dash-chip dash-group-${g}${g === group ? ' dash-chip--on' : ''}`} onClick={() => onGroup(g)}>
            {`按${PARTICIPATION_GROUP_LABELS[g]}`}
          </View>
        ))}
      </View>
      <SectionState stats={stats} hasData={!!data} isEmpty={data?.rows.length === 0} emptyText={EMPTY[group]}>
        {data ? (
          <SortableTable
            key={group}
            className={`dash-participation-table dash-participation-${group}`}
            columns={COLUMNS[group]}
            rows={data.rows}
            rowKey={(r) => r.id}
            footer={footer(group, data.totals)}
          />
        ) : null}
      </SectionState>
    </View>
  )
}
