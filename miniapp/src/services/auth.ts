import type { DemoUser, DemoUsersResponse, LoginResponse } from '@civic/shared'
import type { z } from 'zod'
import { loginAsDemo, loginWithWechat, publicRequest } from './api'
import { clearSession, getToken } from './session'

export { loginAsDemo, loginWithWechat }

export function hasSession(): boolean {
  return getToken() !== null
}

/** Seeded demo identities for the 演示登录 screen (only when the server's dev login is on). */
export async function listDemoUsers(): Promise<DemoUser[]> {
  const res = await publicRequest<z.infer<typeof DemoUsersResponse>>('GET', '/api/auth/dev/users')
  return res.users
}

/** 退出登录: forgets the token and the demo identity. */
export function logout(): void {
  clearSession(true)
}

export type { LoginResponse }
