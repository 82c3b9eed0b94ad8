/** The 扫码签到 entry: camera → the result page (which locates, posts and shows the outcome). */
import Taro from '@tarojs/taro'
import type { CheckinMode } from '@civic/shared'
import { ROUTES } from '../services/routes'

/** Query values may arrive encoded (H5) or already decoded (weapp). */
export function queryValue(v: string | undefined): string {
  if (!v) return ''
  if (!v.includes('%')) return v
  try {
    return decodeURIComponent(v)
  } catch {
    return v
  }
}

/** Opens the camera; false when the user backed out or nothing was read. */
export async function scanToCheckin(replace = false): Promise<boolean> {
  let text = ''
  let path = ''
  try {
    const r = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
    text = (r.result ?? '').trim()
    path = r.path ?? ''
  } catch {
    return false
  }
  if (!text && !path) return false
  // a printed mini-program code of this app comes back as its page path (with scene=key)
  const url = path.includes('pages/checkin/index')
    ? `/${path.replace(/^\//, '')}`
    : `${ROUTES.checkinResult}?token=${encodeURIComponent(text)}`
  void (replace ? Taro.redirectTo({ url }) : Taro.navigateTo({ url }))
  return true
}

/** A printed mini-program code: the activity's key and the chosen mode. */
export function checkinByKey(key: string, mode: CheckinMode): void {
  void Taro.navigateTo({ url: `${ROUTES.checkinResult}?key=${encodeURIComponent(key)}&mode=${mode}` })
}
