import { Tag } from '@nutui/nutui-react-taro'
import { REPORT_STATUS_LABELS, type ReportStatus } from '@civic/shared'

/** orange: the office's turn; blue: the unit's; green: done; grey: set aside */
const COLOR: Record<ReportStatus, string> = {
  submitted: '#d46b08',
  rectified: '#d46b08',
  assigned: '#0958d9',
  accepted: '#0958d9',
  closed: '#1a7f37',
  rejected: '#888888',
  duplicate: '#888888',
}

export default function StatusTag({ status }: { status: ReportStatus }) {
  return (
    <Tag className={`chip status-tag status-tag--${status}`} round plain background={COLOR[status]}>
      {REPORT_STATUS_LABELS[status]}
    </Tag>
  )
}
