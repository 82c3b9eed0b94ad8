import { View } from '@tarojs/components'
import { REPORT_EVENT_LABELS, formatChina, type ReportEventView } from '@civic/shared'
import './report.css'

const ROLE_TEXT = { reporter: '上报人', office: '文明办', unit: '责任单位' } as const

function details(e: ReportEventView): string[] {
  const out: string[] = []
  if (e.kind === 'assigned' && e.unit) out.push(`交办给 ${e.unit.name}`)
  if (e.deadline && (e.kind === 'assigned' || e.kind === 'sent_back')) out.push(`整改期限 ${formatChina(e.deadline, 'YYYY年M月D日')}`)
  return out
}

/** 处理进度: every step of the report, newest first (nothing is edited in place). */
export default function Timeline({ history }: { history: ReportEventView[] }) {
  const events = [...history].reverse()
  return (
    <View className="timeline">
      {events.map((e, i) => (
        <View key={e.id} className={i === 0 ? 'timeline-item timeline-item--latest' : 'timeline-item'}>
          <View className="timeline-dot" />
          <View className="timeline-body">
            <View className="timeline-head">
              <View className="timeline-title">{REPORT_EVENT_LABELS[e.kind]}</View>
              <View className="timeline-time">{formatChina(e.createdAt, 'MM-DD HH:mm')}</View>
            </View>
            <View className="timeline-actor">{e.actor.name ? `${ROLE_TEXT[e.actor.role]} · ${e.actor.name}` : ROLE_TEXT[e.actor.role]}</View>
            {details(e).map((d) => (
              <View key={d} className="timeline-line">
                {d}
              </View>
            ))}
            {e.note ? <View className="timeline-note multiline">{e.note}</View> : null}
          </View>
        </View>
      ))}
    </View>
  )
}
