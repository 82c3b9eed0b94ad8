/** Attaching uploads to a report (before-photos on submission, after-photos on rectification). */
import type { Tx } from '../../db/tx'
import { isUniqueViolation } from '../../http/db-errors'
import { AppError } from '../../http/errors'

/**
 * The caller's uploads with these ids, none attached yet, in the order given. Someone else's
 * upload answers as if it did not exist.
 */
export async function ownUnattachedUploads(tx: Tx, ownerId: number, ids: string[]) {
  const rows = await tx.upload.findMany({
    where: { id: { in: ids }, ownerId },
    select: { id: true, sha256: true, photo: { select: { id: true } } },
  })
  if (rows.length !== ids.length) throw new AppError('upload_not_found', undefined, { missing: ids.filter((i) => !rows.some((r) => r.id === i)) })
  if (rows.some((r) => r.photo)) throw new AppError('upload_already_used')
  return ids.map((id) => rows.find((r) => r.id === id)!)
}

export async function attachPhotos(
  tx: Tx,
  a: { reportId: number; eventId: number; kind: 'before' | 'after'; uploadIds: string[] },
): Promise<void> {
  try {
    await tx.reportPhoto.createMany({
      data: a.uploadIds.map((uploadId, position) => ({ reportId: a.reportId, eventId: a.eventId, kind: a.kind, uploadId, position })),
    })
  } catch (err) {
    // the same upload attached by a concurrent request (report_photo.upload_id is unique)
    if (isUniqueViolation(err)) throw new AppError('upload_already_used')
    throw err
  }
}
