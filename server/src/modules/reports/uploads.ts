/**
 * `POST /api/uploads`: one photo in, checked and cleaned (image.ts), stored, recorded as the
 * caller's. An upload is attached later to at most one report; uploads never attached simply
 * stay (a periodic clean-up of old unattached uploads is not built yet).
 */
import { createHash, randomBytes } from 'node:crypto'
import { UPLOAD_MAX_BYTES, type UploadResult } from '@civic/shared'
import type { Context } from 'koa'
import type { SessionUser } from '../../auth/roles'
import type { Deps } from '../../deps'
import { storageFor } from '../../storage'
import { cleanImage } from './image'
import { readSingleFile } from './multipart'

export async function receiveUpload(deps: Deps, user: SessionUser, ctx: Context): Promise<UploadResult> {
  const file = await readSingleFile(ctx, UPLOAD_MAX_BYTES)
  const image = await cleanImage(file.bytes)
  const id = randomBytes(16).toString('base64url')
  const key = `${id}.${image.ext}`
  const sha256 = createHash('sha256').update(image.data).digest('hex')
  const storage = storageFor(deps.config)
  await storage.put(key, image.data, image.mime)
  try {
    await deps.prisma.upload.create({
      data: {
        id,
        ownerId: user.id,
        mime: image.mime,
        size: image.data.length,
        width: image.width,
        height: image.height,
        sha256,
        storageKey: key,
      },
    })
  } catch (err) {
    // no row, no file: remove what was stored, then report the original failure
    await storage.delete(key).catch((cleanup) => deps.logger.warn({ err: cleanup, key }, 'could not remove an unrecorded upload'))
    throw err
  }
  return { uploadId: id, mime: image.mime, size: image.data.length, width: image.width, height: image.height }
}
