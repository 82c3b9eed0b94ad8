/**
 * Local-disk storage under one directory. Files are served by `GET /api/files/:key?exp=&sig=`,
 * a public route that answers only when the HMAC signature over (key, expiry) is valid and
 * the expiry has not passed.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { type Storage, assertKey } from './types'

export const FILES_ROUTE = '/api/files'

export type SignatureCheck = 'ok' | 'invalid' | 'expired'

export class UrlSigner {
  constructor(private readonly secret: Uint8Array) {}

  private mac(key: string, exp: number): string {
    return createHmac('sha256', this.secret).update(`file\n${key}\n${exp}`).digest('base64url')
  }

  sign(key: string, ttlS: number, now = Date.now()): { exp: number; sig: string } {
    const exp = Math.floor(now / 1000) + ttlS
    return { exp, sig: this.mac(key, exp) }
  }

  check(key: string, exp: string | undefined, sig: string | undefined, now = Date.now()): SignatureCheck {
    if (!exp || !sig || !/^\d{1,12}$/.test(exp)) return 'invalid'
    const want = Buffer.from(this.mac(key, Number(exp)))
    const got = Buffer.from(sig)
    if (got.length !== want.length || !timingSafeEqual(got, want)) return 'invalid'
    return Number(exp) * 1000 < now ? 'expired' : 'ok'
  }
}

export class LocalStorage implements Storage {
  readonly kind = 'local' as const

  constructor(
    readonly dir: string,
    readonly signer: UrlSigner,
  ) {}

  private pathOf(key: string): string {
    return path.join(this.dir, assertKey(key))
  }

  async put(key: string, bytes: Buffer, _contentType?: string): Promise<void> {
    const target = this.pathOf(key)
    await fs.mkdir(this.dir, { recursive: true })
    // write aside, then rename: a reader never sees half a file
    const temp = path.join(this.dir, `.${key}.${randomBytes(6).toString('hex')}.tmp`)
    await fs.writeFile(temp, bytes, { mode: 0o640 })
    await fs.rename(temp, target)
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await fs.readFile(this.pathOf(key))
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw err
    }
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true })
  }

  async signedUrl(key: string, ttlS: number): Promise<string> {
    const { exp, sig } = this.signer.sign(assertKey(key), ttlS)
    return `${FILES_ROUTE}/${key}?exp=${exp}&sig=${sig}`
  }
}
