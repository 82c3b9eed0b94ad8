import { Tag } from '@nutui/nutui-react-taro'
import { REPORT_STATUS_LABELS, type ReportStatus } from '@civic/shared'

/** waiting for the office, with the unit, done, set aside */
const TONE: Record<ReportStatus, 'warning' | 'info' | 'success' | 'default'> = {
  submitted: 'warning',
  rectified: 'warning',
  assigned: 'info',
  accepted: 'info',
  closed: 'success',
  rejected: 'default',
  duplicate: 'default',
}

export default function StatusTag({ status }: { status: ReportStatus }) {
  return (
    <Tag className={`chip status-tag status-tag--${status}`} round plain type={TONE[status]}>
      {REPORT_STATUS_LABELS[status]}
    </Tag>
  )
}
