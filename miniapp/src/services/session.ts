import Taro from '@tarojs/taro'
import type { LoginResponse } from '@civic/shared'

/** Where the API session lives on the device. Only services/ read or write these keys. */
const TOKEN_KEY = 'civic.session.token'
const EXPIRES_KEY = 'civic.session.expiresAt'
/** H5 demo login: the openid last used, so an expired session can be renewed silently. */
const DEMO_OPENID_KEY = 'civic.session.demoOpenid'

export function getToken(): string | null {
  const token: unknown = Taro.getStorageSync(TOKEN_KEY)
  return typeof token === 'string' && token !== '' ? token : null
}

export function saveSession(login: LoginResponse, demoOpenid?: string): void {
  Taro.setStorageSync(TOKEN_KEY, login.token)
  Taro.setStorageSync(EXPIRES_KEY, login.expiresAt)
  if (demoOpenid) Taro.setStorageSync(DEMO_OPENID_KEY, demoOpenid)
}

export function getDemoOpenid(): string | null {
  const openid: unknown = Taro.getStorageSync(DEMO_OPENID_KEY)
  return typeof openid === 'string' && openid !== '' ? openid : null
}

/** Forgets the session; `forgetDemo` also forgets the demo identity (explicit 退出登录). */
export function clearSession(forgetDemo = false): void {
  Taro.removeStorageSync(TOKEN_KEY)
  Taro.removeStorageSync(EXPIRES_KEY)
  if (forgetDemo) Taro.removeStorageSync(DEMO_OPENID_KEY)
}
