/**
 * The printable check-in code for sites where WeChat is not configured (no wxacode): a standard
 * QR code of the check-in page's path with the activity's short key, the same `scene` the
 * wxacode carries. It never expires; the check-in still needs the site's location fence.
 */
import QRCode from 'qrcode'
import { type SessionUser, canManage } from '../../auth/roles'
import type { Deps } from '../../deps'
import { AppError } from '../../http/errors'
import { WXACODE_PAGE } from '../attendance/routes'

/** `pages/checkin/index?scene=<shortKey>`: what the mini-program's scanner turns into a check-in. */
export const printablePath = (shortKey: string) => `${WXACODE_PAGE}?scene=${shortKey}`

export const PRINTABLE_QR_OPTIONS = { type: 'png', errorCorrectionLevel: 'M', margin: 4, width: 600 } as const

export async function printableQr(deps: Deps, user: SessionUser, id: number): Promise<Buffer> {
  const a = await deps.prisma.activity.findUnique({
    where: { id },
    select: { shortKey: true, status: true, organiserUnitId: true, organiserCommunityId: true },
  })
  if (!a) throw new AppError('activity_not_found')
  if (!canManage(user, { unitId: a.organiserUnitId, communityId: a.organiserCommunityId })) throw new AppError('forbidden')
  if (a.status === 'cancelled') throw new AppError('activity_cancelled')
  return QRCode.toBuffer(printablePath(a.shortKey), PRINTABLE_QR_OPTIONS)
}
