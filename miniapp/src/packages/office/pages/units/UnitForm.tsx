import { View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { UNIT_KINDS, UnitBody, type Unit } from '@civic/shared'
import { useState } from 'react'
import FormRow from '../../../../components/FormRow'
import OptionPicker from '../../../../components/OptionPicker'
import FieldError from '../../../../components/FieldError'
import { ApiError } from '../../../../services/api'
import { createUnit, updateUnit } from '../../../../services/directory'
import { toastError, toastSuccess } from '../../../../utils/feedback'
import { fieldErrors, optionalNumber } from '../../../../utils/validation'

type UnitKind = (typeof UNIT_KINDS)[number]
const KIND_OPTIONS = UNIT_KINDS.map((k) => ({ value: k, label: k }))

interface Props {
  unit?: Unit
  onSaved: (u: Unit) => void
  onCancel: () => void
}

export default function UnitForm({ unit, onSaved, onCancel }: Props) {
  const [name, setName] = useState(unit?.name ?? '')
  const [kind, setKind] = useState<UnitKind | null>(unit?.kind ?? null)
  const [headcount, setHeadcount] = useState(unit?.headcount.toString() ?? '')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    const parsed = UnitBody.safeParse({ name, kind: kind ?? undefined, headcount: optionalNumber(headcount) ?? undefined })
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues))
      return
    }
    setErrors({})
    setBusy(true)
    try {
      const saved = unit ? await updateUnit(unit.id, parsed.data) : await createUnit(parsed.data)
      toastSuccess(unit ? '已保存' : '已创建')
      onSaved(saved)
    } catch (e) {
      if (e instanceof ApiError) setErrors(e.code === 'unit_name_taken' ? { name: e.message } : e.fieldErrors())
      toastError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="office-form unit-form">
      <View className="section-title">{unit ? `编辑单位：${unit.name}` : '新建单位'}</View>
      <FormRow label="单位名称" required error={errors.name}>
        <Input className="unit-name" placeholder="例如：区教育局" value={name} maxLength={50} onChange={setName} />
      </FormRow>
      <OptionPicker className="unit-kind" title="单位类型" options={KIND_OPTIONS} value={kind} onChange={setKind} />
      <FieldError message={errors.kind} />
      <FormRow label="在编人数" required error={errors.headcount}>
        <Input className="unit-headcount" type="number" placeholder="用于计算参与率" value={headcount} onChange={setHeadcount} />
      </FormRow>
      <View className="actions">
        <Button className="unit-submit" type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
          {unit ? '保存' : '创建'}
        </Button>
        <Button block fill="outline" disabled={busy} onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  )
}
