import { View } from '@tarojs/components'
import { Cell } from '@nutui/nutui-react-taro'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { formatChina, type Roster, type RosterEntry } from '@civic/shared'
import type { ReactNode } from 'react'
import LoadError from '../../../../components/LoadError'
import PageLoading from '../../../../components/PageLoading'
import { useRemote } from '../../../../hooks/useRemote'
import { getRoster } from '../../../../services/organise'

function belongs(e: RosterEntry): string {
  return [e.community?.name, e.unit?.name].filter(Boolean).join(' · ') || '未填所属'
}

function Entry({ e, extra, when }: { e: RosterEntry; extra?: string; when: string }) {
  return (
    <Cell
      className="roster-entry"
      title={`${e.name ?? '未填姓名'} ${e.phone ?? '未绑定手机号'}`}
      description={`${belongs(e)} · ${when}`}
      extra={extra}
    />
  )
}

function Group({ title, entries, render }: { title: string; entries: RosterEntry[]; render: (e: RosterEntry) => ReactNode }) {
  return (
    <Cell.Group title={`${title}（${entries.length}）`}>
      {entries.length ? entries.map(render) : <Cell title="无" />}
    </Cell.Group>
  )
}

/** 报名名单: confirmed, the waitlist in order, cancelled; phones masked as the server sends them. */
export default function RosterPage() {
  const id = Number(useRouter().params.id)
  const roster = useRemote<Roster>(() => getRoster(id), [id])
  usePullDownRefresh(() => {
    void roster.reload().finally(() => Taro.stopPullDownRefresh())
  })
  const r = roster.data
  if (!r) {
    return (
      <View className="page">
        {roster.error ? <LoadError error={roster.error} onRetry={() => void roster.reload()} /> : <PageLoading />}
      </View>
    )
  }
  const signedUp = (e: RosterEntry) => `报名于 ${formatChina(e.signedUpAt, 'M月D日 HH:mm')}`
  return (
    <View className="page roster-page">
      <Group title="已报名" entries={r.confirmed} render={(e) => <Entry key={e.userId} e={e} when={signedUp(e)} />} />
      <Group title="候补" entries={r.waitlist} render={(e) => <Entry key={e.userId} e={e} when={signedUp(e)} extra={`第${e.position}位`} />} />
      <Group
        title="已取消"
        entries={r.cancelled}
        render={(e) => <Entry key={e.userId} e={e} when={e.cancelledAt ? `取消于 ${formatChina(e.cancelledAt, 'M月D日 HH:mm')}` : signedUp(e)} />}
      />
    </View>
  )
}
