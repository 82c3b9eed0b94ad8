/** The server's own session token: a JWS (HS256) signed with SESSION_SECRET, made with jose. */
import { webcrypto } from 'node:crypto'
import { SignJWT, errors, jwtVerify } from 'jose'

export interface SessionClaims {
  userId: number
}

const ISSUER = 'civic-points'
const AUDIENCE = 'civic-points-api'

export async function issueSession(secret: Uint8Array, userId: number, ttlHours: number) {
  const expiresAt = new Date(Date.now() + ttlHours * 3_600_000)
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(String(userId))
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(secret)
  return { token, expiresAt }
}

const verifyKeys = new WeakMap<Uint8Array, Promise<webcrypto.CryptoKey>>()

/** The HMAC key imported once per secret (with raw bytes, jose imports it on every verification). */
function verifyKey(secret: Uint8Array): Promise<webcrypto.CryptoKey> {
  let key = verifyKeys.get(secret)
  if (!key) {
    key = webcrypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify'])
    verifyKeys.set(secret, key)
  }
  return key
}

export type VerifyResult = { ok: true; claims: SessionClaims } | { ok: false; reason: 'expired' | 'invalid' }

export async function verifySession(secret: Uint8Array, token: string): Promise<VerifyResult> {
  try {
    const { payload } = await jwtVerify(token, await verifyKey(secret), {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
    })
    const userId = Number(payload.sub)
    if (!Number.isSafeInteger(userId) || userId <= 0) return { ok: false, reason: 'invalid' }
    return { ok: true, claims: { userId } }
  } catch (err) {
    if (err instanceof errors.JWTExpired) return { ok: false, reason: 'expired' }
    return { ok: false, reason: 'invalid' }
  }
}
