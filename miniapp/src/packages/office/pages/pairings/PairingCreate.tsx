import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { PairingBody, type DirectoryOptions } from '@civic/shared'
import { useState } from 'react'
import FieldError from '../../../../components/FieldError'
import OptionPicker from '../../../../components/OptionPicker'
import { createPairing } from '../../../../services/directory'
import { toastError, toastSuccess } from '../../../../utils/feedback'
import { fieldErrors } from '../../../../utils/validation'

/** 新建包联: one unit, one community. */
export default function PairingCreate({ options, onCreated }: { options: DirectoryOptions; onCreated: () => void }) {
  const [unitId, setUnitId] = useState<number | null>(null)
  const [communityId, setCommunityId] = useState<number | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    const parsed = PairingBody.safeParse({ unitId: unitId ?? undefined, communityId: communityId ?? undefined })
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues))
      return
    }
    setErrors({})
    setBusy(true)
    try {
      await createPairing(parsed.data.unitId, parsed.data.communityId)
      toastSuccess('已建立包联')
      setCommunityId(null)
      onCreated()
    } catch (e) {
      toastError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="pairing-create">
      <View className="section-title">新建包联</View>
      <OptionPicker
        className="pairing-unit"
        title="包联单位"
        options={options.units.map((u) => ({ value: u.id, label: u.name }))}
        value={unitId}
        onChange={setUnitId}
      />
      <FieldError message={errors.unitId} />
      <OptionPicker
        className="pairing-community"
        title="包联社区"
        options={options.communities.map((c) => ({ value: c.id, label: c.name }))}
        value={communityId}
        onChange={setCommunityId}
      />
      <FieldError message={errors.communityId} />
      <View className="actions">
        <Button className="pairing-submit" type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
          建立包联
        </Button>
      </View>
    </View>
  )
}
