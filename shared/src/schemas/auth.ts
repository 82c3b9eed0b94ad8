import { z } from 'zod'
import { MeUser } from './me'

export const WechatLoginBody = z.object({
  code: z.string().trim().min(1, { error: '缺少微信登录凭证' }).max(128),
})

export const DevLoginBody = z.object({
  openid: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, { error: 'openid 只能包含字母、数字、- 和 _' }),
})

export const LoginResponse = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: MeUser,
})
export type LoginResponse = z.infer<typeof LoginResponse>

export const DemoUser = z.object({
  openid: z.string(),
  label: z.string(),
  realName: z.string().nullable(),
  roles: z.array(z.string()),
})
export const DemoUsersResponse = z.object({ users: z.array(DemoUser) })
export type DemoUser = z.infer<typeof DemoUser>
