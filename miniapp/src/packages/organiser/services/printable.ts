/** The printable check-in code of an activity (organiser subpackage only). */
import { ApiError, download } from '../../../services/api'

export interface PrintableCode {
  /** wxacode: WeChat's mini-program code; qrcode: a standard QR code (WeChat not configured) */
  kind: 'wxacode' | 'qrcode'
  /** a local image address: a temp file (weapp) or a blob: URL (H5) */
  src: string
}

/**
 * The mini-program code from WeChat (GET /api/activities/:id/wxacode); where WeChat is not
 * configured, the standard QR code of the check-in page with the activity's short key
 * (GET /api/activities/:id/printable-qr). Both stay valid: neither is the rotating token.
 */
export async function getPrintableCode(activityId: number): Promise<PrintableCode> {
  try {
    return { kind: 'wxacode', src: await download(`/api/activities/${activityId}/wxacode`) }
  } catch (e) {
    if (!(e instanceof ApiError) || e.code !== 'wechat_not_configured') throw e
  }
  return { kind: 'qrcode', src: await download(`/api/activities/${activityId}/printable-qr`) }
}
