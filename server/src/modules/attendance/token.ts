/**
 * The rotating check-in code: `CP1.<activity>.<mode>.<expiry>.<mac>` — the activity id and
 * expiry in base 36, mode `i`/`o`, and an HMAC-SHA256 (key derived from SESSION_SECRET,
 * truncated to 128 bits) over the rest. About 40 characters: a small, fast-scanning QR code.
 * A photo of it forwarded to a group chat stops working when it expires (default 30 s).
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto'
import type { CheckinMode } from '@civic/shared'
import { AppError } from '../../http/errors'

const PREFIX = 'CP1'

export interface CheckinClaims {
  activityId: number
  mode: CheckinMode
  expiresAt: Date
}

const keys = new WeakMap<Uint8Array, Buffer>()

/** The check-in signing key, derived once per session secret (every scan needs it). */
export function checkinKey(sessionSecret: Uint8Array): Buffer {
  let key = keys.get(sessionSecret)
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', sessionSecret, Buffer.alloc(0), 'civic-points/checkin/v1', 32))
    keys.set(sessionSecret, key)
  }
  return key
}

const mac = (key: Buffer, body: string) => createHmac('sha256', key).update(body).digest().subarray(0, 16).toString('base64url')

export function signCheckin(key: Buffer, activityId: number, mode: CheckinMode, expiresAt: Date): string {
  const body = `${PREFIX}.${activityId.toString(36)}.${mode === 'in' ? 'i' : 'o'}.${Math.floor(expiresAt.getTime() / 1000).toString(36)}`
  return `${body}.${mac(key, body)}`
}

/** Checks signature then expiry; throws token_invalid / token_expired. */
export function verifyCheckin(key: Buffer, token: string, now = new Date()): CheckinClaims {
  const parts = token.split('.')
  if (parts.length !== 5 || parts[0] !== PREFIX) throw new AppError('token_invalid')
  const body = parts.slice(0, 4).join('.')
  const given = Buffer.from(parts[4], 'base64url')
  const expected = Buffer.from(mac(key, body), 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError('token_invalid')
  const activityId = parseInt(parts[1], 36)
  const exp = parseInt(parts[3], 36)
  if (!Number.isSafeInteger(activityId) || activityId <= 0 || !Number.isSafeInteger(exp) || !['i', 'o'].includes(parts[2])) {
    throw new AppError('token_invalid')
  }
  const expiresAt = new Date(exp * 1000)
  if (expiresAt.getTime() < now.getTime()) throw new AppError('token_expired')
  return { activityId, mode: parts[2] === 'i' ? 'in' : 'out', expiresAt }
}
