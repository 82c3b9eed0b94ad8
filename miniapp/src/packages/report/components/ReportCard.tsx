import { Image, View } from '@tarojs/components'
import { Tag } from '@nutui/nutui-react-taro'
import { formatChina, type ReportSummary } from '@civic/shared'
import type { ReactNode } from 'react'
import StatusTag from './StatusTag'
import { fileUrl } from '../services/reports'
import './report.css'

interface Props {
  report: ReportSummary
  onOpen: (r: ReportSummary) => void
  /** action buttons under the card */
  children?: ReactNode
}

/** A report in a queue: photo, category, status, place, reporter (office), deadline (red when overdue). */
export default function ReportCard({ report: r, onOpen, children }: Props) {
  return (
    <View className={r.overdue ? 'report-card report-card--overdue' : 'report-card'}>
      <View className="report-card-body" onClick={() => onOpen(r)}>
        {r.thumbnailUrl ? <Image className="report-card-thumb" src={fileUrl(r.thumbnailUrl)} mode="aspectFill" /> : null}
        <View className="report-card-main">
          <View className="report-card-head">
            <View className="report-card-title">{`${r.category.name} · 第 ${r.id} 号`}</View>
            <StatusTag status={r.status} />
          </View>
          <View className="report-card-line">{`${r.community.name} · ${r.address}`}</View>
          <View className="report-card-line report-card-desc">{r.description}</View>
          <View className="report-card-line">
            {`上报于 ${formatChina(r.createdAt, 'MM月DD日 HH:mm')}`}
            {r.reporter ? ` · ${r.reporter.name}` : ''}
          </View>
          {r.deadline ? (
            <View className={r.overdue ? 'report-card-deadline report-card-deadline--overdue' : 'report-card-deadline'}>
              {`整改期限 ${formatChina(r.deadline, 'MM月DD日')}`}
              {r.unit ? ` · ${r.unit.name}` : ''}
              {r.overdue ? (
                <Tag className="chip overdue-tag" round background="#e1251b" color="#ffffff">
                  已逾期
                </Tag>
              ) : r.late ? (
                <Tag className="chip overdue-tag" round background="#fff1f0" color="#e1251b">
                  逾期整改
                </Tag>
              ) : null}
            </View>
          ) : null}
        </View>
      </View>
      {children ? <View className="report-card-actions">{children}</View> : null}
    </View>
  )
}
