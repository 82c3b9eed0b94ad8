import { View } from '@tarojs/components'
import { Button, Radio } from '@nutui/nutui-react-taro'
import { InvitationBody, type DirectoryOptions, type Invitation } from '@civic/shared'
import { useState } from 'react'
import FieldError from '../../../../components/FieldError'
import FormRow from '../../../../components/FormRow'
import LoadError from '../../../../components/LoadError'
import OptionPicker from '../../../../components/OptionPicker'
import PageLoading from '../../../../components/PageLoading'
import { useRemote } from '../../../../hooks/useRemote'
import { createInvitation } from '../../../../services/directory'
import { getDirectoryOptions } from '../../../../services/me'
import { toastError } from '../../../../utils/feedback'
import { fieldErrors } from '../../../../utils/validation'
import InvitationCard from './InvitationCard'
import './index.css'

type Kind = 'unit' | 'community'
const VALIDITY = [
  { value: 24, label: '1 天' },
  { value: 72, label: '3 天' },
  { value: 168, label: '7 天' },
]

/** 组织者邀请码: a single-use code that makes its redeemer an organiser of a unit or community. */
export default function InvitationsPage() {
  const options = useRemote<DirectoryOptions>(getDirectoryOptions)
  const [kind, setKind] = useState<Kind>('unit')
  const [targetId, setTargetId] = useState<number | null>(null)
  const [hours, setHours] = useState<number>(72)
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const [issued, setIssued] = useState<Invitation[]>([])

  if (!options.data) {
    return (
      <View className="page">
        {options.error ? <LoadError error={options.error} onRetry={() => void options.reload()} /> : <PageLoading />}
      </View>
    )
  }
  const list = kind === 'unit' ? options.data.units : options.data.communities

  const submit = async () => {
    const target = targetId == null ? {} : kind === 'unit' ? { unitId: targetId } : { communityId: targetId }
    const parsed = InvitationBody.safeParse({ ...target, expiresInHours: hours })
    if (!parsed.success) {
      setError(Object.values(fieldErrors(parsed.error.issues))[0])
      return
    }
    setError(undefined)
    setBusy(true)
    try {
      const inv = await createInvitation(parsed.data)
      setIssued((xs) => [inv, ...xs])
    } catch (e) {
      toastError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="page invitations-page">
      <View className="section-title">新的邀请码</View>
      <FormRow label="邀请对象">
        <Radio.Group direction="horizontal" value={kind} onChange={(v) => { setKind(v as Kind); setTargetId(null) }}>
          <Radio value="unit">单位</Radio>
          <Radio value="community">社区</Radio>
        </Radio.Group>
      </FormRow>
      <OptionPicker
        title={kind === 'unit' ? '单位' : '社区'}
        options={list.map((r) => ({ value: r.id, label: r.name }))}
        value={targetId}
        onChange={setTargetId}
      />
      <FormRow label="有效期">
        <Radio.Group direction="horizontal" value={hours} onChange={(v) => setHours(Number(v))}>
          {VALIDITY.map((v) => (
            <Radio key={v.value} value={v.value}>
              {v.label}
            </Radio>
          ))}
        </Radio.Group>
      </FormRow>
      <FieldError message={error} />
      <View className="actions">
        <Button className="invitation-submit" type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
          生成邀请码
        </Button>
      </View>
      {issued.length > 0 ? <View className="section-title">本次生成</View> : null}
      {issued.map((inv) => (
        <InvitationCard key={inv.code} invitation={inv} />
      ))}
    </View>
  )
}
