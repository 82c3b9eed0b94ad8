import { Cell } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import type { ActivityPage } from '../../services/activities'
import { ROUTES } from '../../services/routes'
import { activityTime, mySignupText } from '../../utils/activity'

function go(url: string) {
  void Taro.navigateTo({ url })
}

/** 我的报名: the next few activities the user signed up for, and a link to all of them. */
export default function SignupsSection({ signups }: { signups: ActivityPage }) {
  return (
    <Cell.Group title="我的报名" className="my-signups">
      {signups.items.map((a) => (
        <Cell
          key={a.id}
          className="my-signup"
          title={a.title}
          description={activityTime(a)}
          extra={mySignupText(a) ?? undefined}
          clickable
          onClick={() => go(`${ROUTES.activityDetail}?id=${a.id}`)}
        />
      ))}
      {signups.items.length === 0 ? <Cell title="暂无即将参加的活动" /> : null}
      <Cell title={signups.total > signups.items.length ? `全部报名（即将参加 ${signups.total} 个）` : '全部报名记录'} clickable onClick={() => go(ROUTES.mySignups)} />
    </Cell.Group>
  )
}
