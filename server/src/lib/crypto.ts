/**
 * Personal data at rest: AES-256-GCM with DATA_KEY, plus a keyed hash (HMAC-SHA256) for
 * equality look-ups without decrypting.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'

export interface DataCipher {
  encrypt(plain: string): string
  decrypt(sealed: string): string
  hash(value: string): string
}

export function createDataCipher(dataKey: Buffer): DataCipher {
  if (dataKey.length !== 32) throw new Error('DATA_KEY must be 32 bytes')
  const encKey = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'civic-points/encrypt/v1', 32))
  const macKey = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'civic-points/lookup/v1', 32))
  return {
    encrypt(plain) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', encKey, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`
    },
    decrypt(sealed) {
      if (!sealed.startsWith('v1:')) throw new Error('unknown ciphertext version')
      const raw = Buffer.from(sealed.slice(3), 'base64')
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12))
      decipher.setAuthTag(raw.subarray(12, 28))
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
    },
    hash(value) {
      return createHmac('sha256', macKey).update(value).digest('hex')
    },
  }
}

/** Short human-typable codes without look-alike characters (0/O, 1/I/L). */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export function randomCode(length: number, alphabet = CODE_ALPHABET): string {
  const bytes = randomBytes(length * 2)
  let out = ''
  for (let i = 0; out.length < length && i < bytes.length; i++) {
    const b = bytes[i]
    // rejection sampling keeps the distribution uniform
    if (b < 256 - (256 % alphabet.length)) out += alphabet[b % alphabet.length]
  }
  return out.length === length ? out : randomCode(length, alphabet)
}

const KEY_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'
/** A short url-safe key, e.g. for a mini-program code's `scene` (≤ 32 chars). */
export function randomKey(length = 10): string {
  return randomCode(length, KEY_ALPHABET)
}
