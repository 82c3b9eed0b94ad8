/**
 * `GET /api/files/:key?exp=&sig=`: photos in local storage, for whoever holds a valid, unexpired
 * signed link (the route is public: `<image>` tags cannot send a bearer token). With S3 storage
 * the links point at the bucket and this route has nothing to serve.
 */
import type { Context } from 'koa'
import type { Deps } from '../../deps'
import { AppError } from '../../http/errors'
import { LocalStorage, storageFor } from '../../storage'
import { STORAGE_KEY, contentTypeOf } from '../../storage/types'

export async function serveFile(deps: Deps, ctx: Context, key: string, exp?: string, sig?: string): Promise<void> {
  const storage = storageFor(deps.config)
  if (!(storage instanceof LocalStorage) || !STORAGE_KEY.test(key)) throw new AppError('not_found')
  const check = storage.signer.check(key, exp, sig)
  if (check !== 'ok') throw new AppError('file_link_invalid')
  const bytes = await storage.get(key)
  if (!bytes) throw new AppError('not_found')
  ctx.type = contentTypeOf(key)
  ctx.set('Cache-Control', `private, max-age=${Math.max(0, Number(exp) - Math.floor(Date.now() / 1000))}`)
  ctx.set('X-Content-Type-Options', 'nosniff')
  ctx.set('Content-Security-Policy', "default-src 'none'; sandbox")
  ctx.set('Content-Disposition', 'inline')
  ctx.body = bytes
}
