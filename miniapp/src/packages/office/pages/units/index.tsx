import { View } from '@tarojs/components'
import { Button, Cell } from '@nutui/nutui-react-taro'
import type { Unit } from '@civic/shared'
import { useState } from 'react'
import EmptyState from '../../../../components/EmptyState'
import LoadError from '../../../../components/LoadError'
import PageLoading from '../../../../components/PageLoading'
import { useRemote } from '../../../../hooks/useRemote'
import { listUnits } from '../../../../services/directory'
import UnitForm from './UnitForm'

type Editing = { mode: 'create' } | { mode: 'edit'; unit: Unit } | null

function describe(u: Unit): string {
  const people = `${u.kind} · 在编 ${u.headcount} 人 · 已注册职工 ${u.registeredStaff}`
  const communities = u.pairedCommunities.length
    ? `包联社区：${u.pairedCommunities.map((c) => c.name).join('、')}`
    : '暂无包联社区'
  return `${people}\n${communities}`
}

/** 单位管理: list, create, edit. */
export default function UnitsPage() {
  const list = useRemote<Unit[]>(listUnits)
  const [editing, setEditing] = useState<Editing>(null)

  if (editing) {
    return (
      <View className="page">
        <UnitForm
          unit={editing.mode === 'edit' ? editing.unit : undefined}
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
    <View className="page units-page">
      <View className="actions">
        <Button className="unit-new" type="primary" block onClick={() => setEditing({ mode: 'create' })}>
          新建单位
        </Button>
      </View>
      {!items ? (
        list.error ? <LoadError error={list.error} onRetry={() => void list.reload()} /> : <PageLoading />
      ) : items.length === 0 ? (
        <EmptyState title="还没有单位" description="点击“新建单位”添加第一个单位。" />
      ) : (
        <Cell.Group title={`共 ${items.length} 个单位`}>
          {items.map((u) => (
            <Cell
              key={u.id}
              className="unit-item"
              title={u.name}
              description={<View className="multiline">{describe(u)}</View>}
              extra="编辑"
              clickable
              onClick={() => setEditing({ mode: 'edit', unit: u })}
            />
          ))}
        </Cell.Group>
      )}
    </View>
  )
}
