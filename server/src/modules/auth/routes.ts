import { DemoUsersResponse, DevLoginBody, LoginResponse, WechatLoginBody } from '@civic/shared'
import { AppError } from '../../http/errors'
import { limitsOf } from '../../http/rate-limit'
import { route } from '../../http/route'
import { listDemoUsers, loginAsDev, loginWithWechat } from './service'

const requireDevLogin = (on: boolean) => {
  // the route stays in the table (and the docs) but answers 404 unless the dev login is on
  if (!on) throw new AppError('not_found', '接口不存在')
}

export const authRoutes = [
  route({
    method: 'POST',
    path: '/api/auth/wechat',
    summary: 'Log in with a wx.login code (exchanged at WeChat jscode2session)',
    tag: 'auth',
    body: WechatLoginBody,
    response: LoginResponse,
    rateLimit: { name: 'loginIp', by: 'ip' },
    handler: ({ body, deps, ctx }) => loginWithWechat(deps, body.code, limitsOf(ctx)),
  }),
  route({
    method: 'POST',
    path: '/api/auth/dev',
    summary: 'Demo/development login by openid (only when AUTH_DEV_LOGIN=1; never in production)',
    tag: 'auth',
    body: DevLoginBody,
    response: LoginResponse,
    rateLimit: { name: 'loginIp', by: 'ip' },
    handler: async ({ body, deps, ctx }) => {
      requireDevLogin(deps.config.devLogin)
      await limitsOf(ctx).consume('loginOpenid', body.openid)
      return loginAsDev(deps, body.openid)
    },
  }),
  route({
    method: 'GET',
    path: '/api/auth/dev/users',
    summary: 'The seeded demo users, for the 演示登录 screen (only when AUTH_DEV_LOGIN=1)',
    tag: 'auth',
    response: DemoUsersResponse,
    handler: async ({ deps }) => {
      requireDevLogin(deps.config.devLogin)
      return { users: await listDemoUsers(deps) }
    },
  }),
]
