import { View } from '@tarojs/components'
import { Cell } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import { formatChina } from '@civic/shared'
import { useState } from 'react'
import type { Notices } from '../../services/activities'
import { ROUTES } from '../../services/routes'

const SHOWN = 5

/** 消息通知: cancellations, waitlist promotions, changes (the page marks them read once shown). */
export default function NoticesSection({ notices }: { notices: Notices }) {
  const [all, setAll] = useState(false)
  const items = all ? notices.items : notices.items.slice(0, SHOWN)
  return (
    <Cell.Group title={notices.unread ? `消息通知（${notices.unread} 条未读）` : '消息通知'} className="notices">
      {items.map((n) => (
        <Cell
          key={n.id}
          className={n.read ? 'notice-item' : 'notice-item notice-item--unread'}
          title={n.title}
          description={<View className="multiline">{`${n.body}\n${formatChina(n.createdAt)}`}</View>}
          clickable={n.activityId != null}
          onClick={() => n.activityId != null && void Taro.navigateTo({ url: `${ROUTES.activityDetail}?id=${n.activityId}` })}
        />
      ))}
      {items.length === 0 ? <Cell title="暂无消息" /> : null}
      {!all && notices.items.length > SHOWN ? <Cell title={`查看全部 ${notices.items.length} 条`} clickable onClick={() => setAll(true)} /> : null}
    </Cell.Group>
  )
}
