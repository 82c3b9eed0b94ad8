import { formatChina } from '@civic/shared'
import type { Deps } from '../../deps'

type Kind = 'activity_cancelled' | 'waitlist_promoted' | 'activity_changed'

export function activityNotice(
  kind: Kind,
  userId: number,
  a: { id: number; title: string; start_at?: Date; startAt?: Date },
  reason?: string | null,
) {
  const when = formatChina((a.start_at ?? a.startAt)!, 'M月D日 HH:mm')
  const text = {
    activity_cancelled: { title: `活动已取消：${a.title}`, body: `原定 ${when} 的活动已取消。${reason ? `原因：${reason}` : ''}` },
    waitlist_promoted: { title: `候补成功：${a.title}`, body: `有人取消了报名，你已从候补转为正式报名，请于 ${when} 准时参加。` },
    activity_changed: { title: `活动有变动：${a.title}`, body: `活动的时间或地点已调整，现定于 ${when}，请查看详情。` },
  }[kind]
  return { userId, kind, activityId: a.id, title: text.title.slice(0, 100), body: text.body.slice(0, 500) }
}

export async function listNotices(deps: Deps, userId: number) {
  const [items, unread] = await Promise.all([
    deps.prisma.notice.findMany({ where: { userId }, orderBy: { id: 'desc' }, take: 50 }),
    deps.prisma.notice.count({ where: { userId, readAt: null } }),
  ])
  return {
    items: items.map((n) => ({
      id: n.id,
      kind: n.kind,
      title: n.title,
      body: n.body,
      activityId: n.activityId,
      createdAt: n.createdAt.toISOString(),
      read: n.readAt != null,
    })),
    unread,
  }
}

export async function markNoticesRead(deps: Deps, userId: number) {
  await deps.prisma.notice.updateMany({ where: { userId, readAt: null }, data: { readAt: new Date() } })
}
