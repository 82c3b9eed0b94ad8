import { View } from '@tarojs/components'
import { Button, Cell } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import { formatChina, type DirectoryOptions, type Pairing } from '@civic/shared'
import { useState } from 'react'
import EmptyState from '../../../../components/EmptyState'
import LoadError from '../../../../components/LoadError'
import OptionPicker from '../../../../components/OptionPicker'
import PageLoading from '../../../../components/PageLoading'
import { useRemote } from '../../../../hooks/useRemote'
import { deletePairing, listPairings, type PairingFilter } from '../../../../services/directory'
import { getDirectoryOptions } from '../../../../services/me'
import { toastError, toastSuccess } from '../../../../utils/feedback'
import PairingCreate from './PairingCreate'

async function confirmRemoval(p: Pairing): Promise<boolean> {
  const res = await Taro.showModal({
    title: '解除包联',
    content: `确定解除“${p.unit.name}”与“${p.community.name}”的包联关系吗？`,
    confirmText: '解除',
    confirmColor: '#e1251b',
  })
  return res.confirm
}

/** 包联关系: filter by unit or community, create, remove (with confirmation). */
export default function PairingsPage() {
  const [filter, setFilter] = useState<PairingFilter>({})
  const options = useRemote<DirectoryOptions>(getDirectoryOptions)
  const pairings = useRemote<Pairing[]>(() => listPairings(filter), [filter.unitId, filter.communityId])

  const remove = async (p: Pairing) => {
    if (!(await confirmRemoval(p))) return
    try {
      await deletePairing(p.id)
      toastSuccess('已解除')
      void pairings.reload()
    } catch (e) {
      toastError(e)
    }
  }

  const opts = options.data
  const items = pairings.data
  return (
    <View className="page pairings-page">
      {opts ? <PairingCreate options={opts} onCreated={() => void pairings.reload()} /> : null}
      <View className="section-title">筛选</View>
      {opts ? (
        <>
          <OptionPicker
            title="按单位"
            placeholder="全部单位"
            clearable
            options={opts.units.map((u) => ({ value: u.id, label: u.name }))}
            value={filter.unitId ?? null}
            onChange={(v) => setFilter((f) => ({ ...f, unitId: v ?? undefined }))}
          />
          <OptionPicker
            title="按社区"
            placeholder="全部社区"
            clearable
            options={opts.communities.map((c) => ({ value: c.id, label: c.name }))}
            value={filter.communityId ?? null}
            onChange={(v) => setFilter((f) => ({ ...f, communityId: v ?? undefined }))}
          />
        </>
      ) : null}
      {!items ? (
        pairings.error ? <LoadError error={pairings.error} onRetry={() => void pairings.reload()} /> : <PageLoading />
      ) : items.length === 0 ? (
        <EmptyState title="暂无包联关系" description="选择单位和社区后点击“建立包联”。" />
      ) : (
        <Cell.Group title={`共 ${items.length} 条包联关系`}>
          {items.map((p) => (
            <Cell
              key={p.id}
              className="pairing-item"
              title={`${p.unit.name} → ${p.community.name}`}
              description={`建立于 ${formatChina(p.createdAt, 'YYYY-MM-DD')}`}
              extra={
                <Button className="pairing-remove" size="small" type="danger" fill="outline" onClick={() => void remove(p)}>
                  解除
                </Button>
              }
            />
          ))}
        </Cell.Group>
      )}
    </View>
  )
}
