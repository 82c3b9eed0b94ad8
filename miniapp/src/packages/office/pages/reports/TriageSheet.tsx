import { View } from '@tarojs/components'
import { Button, Popup, TextArea } from '@nutui/nutui-react-taro'
import { TriageBody, type ReportSummary, type ReportView } from '@civic/shared'
import { useState } from 'react'
import FieldError from '../../../../components/FieldError'
import LoadError from '../../../../components/LoadError'
import PageLoading from '../../../../components/PageLoading'
import { useRemote } from '../../../../hooks/useRemote'
import { ApiError } from '../../../../services/api'
import { errorMessage } from '../../../../utils/feedback'
import { fieldErrors } from '../../../../utils/validation'
import { chinaDateIn, deadlineLabel } from '../../../report/components/deadline'
import { triageReport } from '../../../report/services/reports'
import ChoiceList from './ChoiceList'
import { deadlineSpans, loadAssignChoices, loadDuplicateChoices, type AssignChoices } from './triage'

export type TriageMode = 'assign' | 'reject' | 'duplicate'

const TITLES: Record<TriageMode, string> = { assign: '交办整改', reject: '不予受理', duplicate: '标记为重复上报' }
/** H5: the sheet goes to <body>; inside a page Taro's own layers would cover it. */
const sheetContainer = process.env.TARO_ENV === 'h5' ? () => document.body : undefined

interface Props {
  report: ReportSummary
  mode: TriageMode
  onClose: () => void
  /** the triage went through */
  onDone: (r: ReportView) => void
  /** the report changed meanwhile (report_invalid_transition): the list should reload */
  onStale: () => void
}

function AssignFields({ choices, value, onChange, errors }: {
  choices: AssignChoices
  value: { unitId: number | null; deadline: string; instruction: string }
  onChange: (v: Partial<{ unitId: number; deadline: string; instruction: string }>) => void
  errors: Record<string, string>
}) {
  return (
    <>
      <View className="sheet-label">{choices.pairedCount ? '责任单位（包联该社区的单位在前）' : '责任单位'}</View>
      <ChoiceList className="assign-units" options={choices.units} value={value.unitId} onChange={(unitId) => onChange({ unitId })} empty="还没有单位" />
      <FieldError message={errors.unitId} />
      <View className="sheet-label">{`整改期限（该分类默认 ${choices.defaultDays} 天）`}</View>
      <View className="chip-row assign-deadlines">
        {deadlineSpans(choices.defaultDays).map((days) => {
          const date = chinaDateIn(days)
          return (
            <View key={days} className={date === value.deadline ? 'option-chip option-chip--on' : 'option-chip'} onClick={() => onChange({ deadline: date })}>
              {`${days} 天`}
            </View>
          )
        })}
      </View>
      <View className="hint">{`截止到 ${deadlineLabel(value.deadline)} 24 时`}</View>
      <FieldError message={errors.deadline} />
      <View className="sheet-label">整改要求</View>
      <TextArea className="assign-instruction" placeholder="例如：三日内清理占道摊点并加强巡查" value={value.instruction} maxLength={500} onChange={(instruction) => onChange({ instruction })} />
      <FieldError message={errors.instruction} />
    </>
  )
}

/** The office's triage of one report: assign to a unit, reject with a reason, or mark as a duplicate. */
export default function TriageSheet({ report, mode, onClose, onDone, onStale }: Props) {
  const choices = useRemote<AssignChoices | null>(() => (mode === 'assign' ? loadAssignChoices(report) : Promise.resolve(null)), [report.id, mode])
  const duplicates = useRemote(() => (mode === 'duplicate' ? loadDuplicateChoices(report) : Promise.resolve([])), [report.id, mode])
  const [assign, setAssign] = useState<{ unitId: number | null; deadline: string | null; instruction: string }>({ unitId: null, deadline: null, instruction: '' })
  const [reason, setReason] = useState('')
  const [duplicateOfId, setDuplicateOfId] = useState<number | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState<string>()
  const [busy, setBusy] = useState(false)

  const deadline = assign.deadline ?? choices.data?.defaultDeadline ?? ''
  // checked by the shared schema before it is sent
  const body = (): unknown =>
    mode === 'assign'
      ? { action: 'assign', unitId: assign.unitId ?? undefined, deadline, instruction: assign.instruction }
      : mode === 'reject'
        ? { action: 'reject', reason }
        : { action: 'duplicate', duplicateOfId: duplicateOfId ?? undefined }

  const submit = async () => {
    setFailure(undefined)
    const parsed = TriageBody.safeParse(body())
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues))
      return
    }
    setErrors({})
    setBusy(true)
    try {
      onDone(await triageReport(report.id, parsed.data))
    } catch (e) {
      if (e instanceof ApiError) {
        setErrors(e.fieldErrors())
        if (e.code === 'report_invalid_transition') onStale()
      }
      setFailure(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  const loading = mode === 'assign' ? choices : duplicates
  return (
    <Popup visible position="bottom" round closeable portal={sheetContainer} title={TITLES[mode]} onClose={onClose}>
      <View className={`triage-sheet triage-sheet--${mode}`}>
        <View className="hint">{`第 ${report.id} 号 · ${report.category.name} · ${report.community.name} ${report.address}`}</View>
        {loading.error ? (
          <LoadError error={loading.error} onRetry={() => void loading.reload()} />
        ) : loading.loading && !loading.data ? (
          <PageLoading rows={3} />
        ) : mode === 'assign' && choices.data ? (
          <AssignFields
            choices={choices.data}
            value={{ ...assign, deadline }}
            onChange={(v) => setAssign((a) => ({ ...a, ...v }))}
            errors={errors}
          />
        ) : mode === 'reject' ? (
          <>
            <View className="sheet-label">不予受理的原因（上报人会看到）</View>
            <TextArea className="reject-reason" placeholder="例如：不属于城市文明管理范围" value={reason} maxLength={200} onChange={setReason} />
            <FieldError message={errors.reason} />
          </>
        ) : mode === 'duplicate' ? (
          <>
            <View className="sheet-label">与哪一条上报重复（同一社区）</View>
            <ChoiceList className="duplicate-choices" options={duplicates.data ?? []} value={duplicateOfId} onChange={setDuplicateOfId} empty="该社区没有其他可选的上报" />
            <FieldError message={errors.duplicateOfId} />
          </>
        ) : null}
        {failure ? (
          <View className="form-error" role="alert">
            {failure}
          </View>
        ) : null}
        <View className="actions">
          <Button className="triage-submit" type={mode === 'assign' ? 'primary' : 'danger'} block loading={busy} disabled={busy} onClick={() => void submit()}>
            {mode === 'assign' ? '确认交办' : mode === 'reject' ? '确认不予受理' : '确认标记重复'}
          </Button>
        </View>
      </View>
    </Popup>
  )
}
