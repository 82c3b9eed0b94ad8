import { View } from '@tarojs/components'
import { Button, Cell } from '@nutui/nutui-react-taro'
import type { Community } from '@civic/shared'
import { useState } from 'react'
import EmptyState from '../../../../components/EmptyState'
import LoadError from '../../../../components/LoadError'
import PageLoading from '../../../../components/PageLoading'
import { useRemote } from '../../../../hooks/useRemote'
import { listCommunities } from '../../../../services/directory'
import CommunityForm from './CommunityForm'

type Editing = { mode: 'create' } | { mode: 'edit'; community: Community } | null

function describe(c: Community): string {
  const place = [c.district, c.street].filter(Boolean).join(' ')
  const people = `常住人口 ${c.residentPopulation ?? '未填'} · 已注册居民 ${c.registeredResidents}`
  const units = c.pairedUnits.length ? `包联单位：${c.pairedUnits.map((u) => u.name).join('、')}` : '暂无包联单位'
  return [place, people, units].filter(Boolean).join('\n')
}

/** 社区管理: list, create, edit. */
export default function CommunitiesPage() {
  const list = useRemote<Community[]>(listCommunities)
  const [editing, setEditing] = useState<Editing>(null)

  if (editing) {
    return (
      <View className="page">
        <CommunityForm
          community={editing.mode === 'edit' ? editing.community : undefined}
          onCancel={() => setEditing(null)}
          onSaved={() => {
            setEditing(null)
            void list.reload()
          }}
        />
      </View>
    )
  }
  const items = list.data
  return (
    <View className="page communities-page">
      <View className="actions">
        <Button className="community-new" type="primary" block onClick={() => setEditing({ mode: 'create' })}>
          新建社区
        </Button>
      </View>
      {!items ? (
        list.error ? <LoadError error={list.error} onRetry={() => void list.reload()} /> : <PageLoading />
      ) : items.length === 0 ? (
        <EmptyState title="还没有社区" description="点击“新建社区”添加第一个社区。" />
      ) : (
        <Cell.Group title={`共 ${items.length} 个社区`}>
          {items.map((c) => (
            <Cell
              key={c.id}
              className="community-item"
              title={c.name}
              description={<View className="multiline">{describe(c)}</View>}
              extra="编辑"
              clickable
              onClick={() => setEditing({ mode: 'edit', community: c })}
            />
          ))}
        </Cell.Group>
      )}
    </View>
  )
}
