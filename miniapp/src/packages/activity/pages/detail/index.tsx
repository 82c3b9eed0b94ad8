import { View } from '@tarojs/components'
import { Tag } from '@nutui/nutui-react-taro'
import Taro, { useRouter } from '@tarojs/taro'
import { AUDIENCE_LABELS, formatChina, type Activity, type MySignup } from '@civic/shared'
import type { ReactNode } from 'react'
import LoadError from '../../../../components/LoadError'
import PageLoading from '../../../../components/PageLoading'
import { useReloadOnShow } from '../../../../hooks/useReloadOnShow'
import { useRemote } from '../../../../hooks/useRemote'
import { getActivity } from '../../../../services/activities'
import { ROUTES } from '../../../../services/routes'
import { activityTime, placesText } from '../../../../utils/activity'
import { Button } from '@nutui/nutui-react-taro'
import { scanToCheckin } from '../../../../utils/checkin'
import MapLink from './MapLink'
import SignupBar from './SignupBar'
import './index.css'

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className="detail-row">
      <View className="detail-label">{label}</View>
      <View className="detail-value">{children}</View>
    </View>
  )
}

function Facts({ a }: { a: Activity }) {
  return (
    <View className="detail-facts">
      <Row label="时间">{activityTime(a)}</Row>
      <Row label="地点">
        <View>{`${a.community.name} · ${a.address}`}</View>
        <MapLink place={a} />
      </Row>
      <Row label="主办">{a.organiser.name}</Row>
      <Row label="名额">
        <View>{`共 ${a.capacity} 人，已报名 ${a.confirmedCount} 人`}</View>
        <View className="detail-places">{placesText(a)}</View>
      </Row>
      <Row label="报名截止">{formatChina(a.signupDeadline)}</Row>
      <Row label="参加对象">{AUDIENCE_LABELS[a.audience]}</Row>
      {a.allowWalkIn ? <Row label="现场加入">未报名也可到场签到参加</Row> : null}
    </View>
  )
}

/** 活动详情: everything about one activity, and the sign-up button. */
export default function ActivityDetailPage() {
  const id = Number(useRouter().params.id)
  const remote = useRemote<Activity>(() => getActivity(id), [id])
  useReloadOnShow(remote.reload)
  const a = remote.data

  if (!a) {
    return (
      <View className="page">
        {remote.error ? <LoadError error={remote.error} onRetry={() => void remote.reload()} /> : <PageLoading rows={6} />}
      </View>
    )
  }

  const changed = (mySignup?: MySignup | null) => {
    if (mySignup !== undefined) remote.setData({ ...a, mySignup })
    void remote.reload()
  }
  return (
    <View className="page detail-page">
      <View className="detail-head">
        <View className="detail-title">{a.title}</View>
        <View className="row">
          <Tag className="chip" round background="#fff1f0" color="#c8102e">
            {a.type.name}
          </Tag>
          {a.type.duty ? (
            <Tag className="chip" round background="#f2f3f5" color="#666666">
              工作任务
            </Tag>
          ) : null}
        </View>
      </View>
      {a.status === 'cancelled' ? (
        <View className="detail-cancelled">{`活动已取消${a.cancelReason ? `：${a.cancelReason}` : ''}`}</View>
      ) : null}
      <Facts a={a} />
      <View className="section-title">活动内容</View>
      <View className="detail-description multiline">{a.description || '组织者没有填写活动介绍。'}</View>
      {a.canManage ? (
        <View className="detail-manage" onClick={() => void Taro.navigateTo({ url: `${ROUTES.organiserManage}?id=${a.id}` })}>
          你是本活动的组织者：管理活动、查看报名名单 ›
        </View>
      ) : null}
      {a.mySignup?.status === 'confirmed' && a.status !== 'cancelled' ? (
        <View className="actions detail-checkin">
          <Button className="scan-checkin" type="primary" fill="outline" block onClick={() => void scanToCheckin()}>
            扫码签到
          </Button>
        </View>
      ) : null}
      <SignupBar activity={a} onChanged={changed} />
    </View>
  )
}
