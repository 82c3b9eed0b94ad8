import type { DemoUser, LoginResponse } from '@civic/shared'
import { issueSession } from '../../auth/session'
import type { Deps } from '../../deps'
import { AppError } from '../../http/errors'
import type { RateLimits } from '../../http/rate-limit'
import { meInclude, presentMe } from '../me/presenter'

async function sessionFor(deps: Deps, userId: number): Promise<LoginResponse> {
  const user = await deps.prisma.user.findUniqueOrThrow({ where: { id: userId }, include: meInclude })
  const { token, expiresAt } = await issueSession(deps.config.sessionSecret, user.id, deps.config.sessionTtlHours)
  return { token, expiresAt: expiresAt.toISOString(), user: presentMe(user, deps.cipher) }
}

/** wx.login code → jscode2session → the user (created on first login) and our own session token. */
export async function loginWithWechat(deps: Deps, code: string, limits: RateLimits): Promise<LoginResponse> {
  const session = await deps.wechat.code2Session(code)
  await limits.consume('loginOpenid', session.openid)
  const sessionKeyEnc = deps.cipher.encrypt(session.sessionKey)
  const user = await deps.prisma.user.upsert({
    where: { openid: session.openid },
    create: { openid: session.openid, unionid: session.unionid, sessionKeyEnc },
    update: { sessionKeyEnc, ...(session.unionid ? { unionid: session.unionid } : {}) },
    select: { id: true, disabledAt: true },
  })
  if (user.disabledAt) throw new AppError('user_disabled')
  return sessionFor(deps, user.id)
}

/** Development/demo login by openid (only mounted when AUTH_DEV_LOGIN is on). */
export async function loginAsDev(deps: Deps, openid: string): Promise<LoginResponse> {
  const user = await deps.prisma.user.upsert({
    where: { openid },
    create: { openid },
    update: {},
    select: { id: true, disabledAt: true },
  })
  if (user.disabledAt) throw new AppError('user_disabled')
  return sessionFor(deps, user.id)
}

const ROLE_LABEL = { office: '文明办', organiser: '组织者', volunteer: '志愿者' } as const

export async function listDemoUsers(deps: Deps): Promise<DemoUser[]> {
  const users = await deps.prisma.user.findMany({
    where: { openid: { startsWith: 'demo-' } },
    include: meInclude,
    orderBy: { id: 'asc' },
    take: 50,
  })
  return users.map((u) => {
    const roles: string[] = []
    if (u.isOffice) roles.push(ROLE_LABEL.office)
    if (u.organiserRoles.length) roles.push(ROLE_LABEL.organiser)
    roles.push(ROLE_LABEL.volunteer)
    const where = u.organiserRoles[0]?.unit?.name ?? u.organiserRoles[0]?.community?.name ?? u.unit?.name ?? u.community?.name
    return {
      openid: u.openid,
      label: [u.realName ?? u.openid, where].filter(Boolean).join(' · '),
      realName: u.realName,
      roles,
    }
  })
}
