import { View } from '@tarojs/components'
import type { City, MeUser, OrganiserOf, ParticipationGroup, Weekly } from '@civic/shared'
import { useState } from 'react'
import EmptyState from '../../../../components/EmptyState'
import LoadError from '../../../../components/LoadError'
import PageLoading from '../../../../components/PageLoading'
import { useRemote } from '../../../../hooks/useRemote'
import { getMe } from '../../../../services/me'
import CitySection from './CitySection'
import ExportButton from './ExportButton'
import ParticipationSection from './ParticipationSection'
import PeriodPicker from './PeriodPicker'
import RankingsSection from './RankingsSection'
import RectificationSection from './RectificationSection'
import StreetDutySection from './StreetDutySection'
import TrendSection from './TrendSection'
import { presetPeriod, type Period, type PeriodKind } from './period'
import { getCity, getWeekly } from './service'
import { useStats } from './useStats'
import './index.css'

interface Role {
  office: boolean
  /** the units and communities an organiser (not office) sees */
  organiserOf: readonly OrganiserOf[]
}

/** An organiser's trend is of one of their units or communities: chips to choose which. */
function WhoChips({ options, value, onChange }: { options: readonly OrganiserOf[]; value: OrganiserOf; onChange: (o: OrganiserOf) => void }) {
  if (options.length < 2) return <View className="dash-note">{value.name}</View>
  return (
    <View className="dash-chips">
      {options.map((o) => (
        <View
          key={`${o.kind}${o.id}`}
          className={`dash-chip dash-who${o.kind === value.kind && o.id === value.id ? ' dash-chip--on' : ''}`}
          onClick={() => onChange(o)}
        >
          {o.name}
        </View>
      ))}
    </View>
  )
}

function Dashboard({ office, organiserOf }: Role) {
  const [kind, setKind] = useState<PeriodKind>('month')
  const [period, setPeriod] = useState<Period>(() => presetPeriod('month'))
  const [group, setGroup] = useState<ParticipationGroup>(office ? 'community' : organiserOf[0].kind)
  const [who, setWho] = useState<OrganiserOf | null>(office ? null : organiserOf[0])
  const key = `${period.from}|${period.to}`
  // the office's trend is the city's (part of /stats/city); an organiser's, one unit's or community's
  const city = useStats<City>(key, office ? () => getCity(period) : null)
  const weekly = useStats<Weekly>(`${key}|${who?.kind}|${who?.id}`, !office && who ? () => getWeekly(period, who) : null)
  const hasUnits = office || organiserOf.some((o) => o.kind === 'unit')

  return (
    <View className="page dash-page">
      <View className="dash-header">
        <View className="dash-title">{office ? '全市文明实践数据' : '我负责的单位和社区'}</View>
        <PeriodPicker
          kind={kind}
          period={period}
          onChange={(k, p) => {
            setKind(k)
            setPeriod(p)
          }}
        />
      </View>
      <View className="dash-layout">
        {office ? <CitySection stats={city} /> : null}
        {office ? (
          <TrendSection stats={city} rows={city.data?.weekly} />
        ) : (
          <TrendSection
            stats={weekly}
            rows={weekly.data?.rows}
            head={who ? <WhoChips options={organiserOf} value={who} onChange={setWho} /> : null}
          />
        )}
        <ParticipationSection period={period} group={group} onGroup={setGroup} />
        {hasUnits ? <StreetDutySection period={period} /> : null}
        {hasUnits ? <RectificationSection period={period} /> : null}
        {office ? <RankingsSection period={period} /> : null}
        <View className="dash-card dash-more-exports">
          <View className="dash-card-head">
            <View className="dash-card-title">志愿者名册</View>
            <ExportButton spec={{ kind: 'volunteers' }} />
          </View>
          <View className="dash-note">
            {office ? '全国志愿服务信息系统字段；身份证号完整，手机号已脱敏。' : '你负责的单位和社区的志愿者；身份证号和手机号已脱敏。'}
          </View>
        </View>
      </View>
    </View>
  )
}

/**
 * 数据看板: the office's figures for a period (China dates). The office sees the city; an organiser
 * the same page with only their units' and communities' rows (the server filters); anyone else
 * is told it is not for them.
 */
export default function DashboardPage() {
  const me = useRemote<MeUser>(getMe)
  if (!me.data) {
    return (
      <View className="page">
        {me.error ? <LoadError error={me.error} onRetry={() => void me.reload()} /> : <PageLoading />}
      </View>
    )
  }
  const { office, organiserOf } = me.data.roles
  if (!office && organiserOf.length === 0) {
    return (
      <View className="page">
        <EmptyState title="仅限文明办工作人员和组织者" description="数据看板展示各社区、单位的参与情况。" />
      </View>
    )
  }
  return <Dashboard office={office} organiserOf={organiserOf} />
}
