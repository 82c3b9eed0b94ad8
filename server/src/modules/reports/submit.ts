/**
 * A resident's report: 1–6 of their own fresh uploads, an active category, a community and a
 * place. Abuse limits hold under concurrency: the reporter's row is locked for the transaction
 * (the per-day count), and each photo hash takes an advisory lock (the same bytes cannot be
 * reported twice in a China day, by anyone).
 */
import { chinaDayStart, chinaToday, type ReportCreateBody, type ReportView } from '@civic/shared'
import type { z } from 'zod'
import type { SessionUser } from '../../auth/roles'
import type { Tx } from '../../db/tx'
import { withTx } from '../../db/tx'
import type { Deps } from '../../deps'
import { AppError } from '../../http/errors'
import { attachPhotos, ownUnattachedUploads } from './attach'
import { getReport } from './queries'

/** namespace of the photo-hash advisory locks (pg_advisory_xact_lock(int, int)) */
const PHOTO_LOCK_SPACE = 620_611

async function lockPhotoHashes(tx: Tx, hashes: string[]): Promise<void> {
  // in a fixed order, so two submissions sharing photos cannot deadlock
  const keys = [...new Set(hashes.map((h) => Number.parseInt(h.slice(0, 8), 16) | 0))].sort((a, b) => a - b)
  for (const k of keys) await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PHOTO_LOCK_SPACE}::int, ${k}::int)`
}

export async function createReport(
  deps: Deps,
  user: SessionUser,
  body: z.output<typeof ReportCreateBody>,
): Promise<ReportView> {
  const now = new Date()
  const dayStart = chinaDayStart(chinaToday(now))
  const id = await withTx(deps.prisma, async (tx) => {
    // one submission per reporter at a time: the count below cannot be raced
    await tx.$queryRaw`SELECT id FROM app_user WHERE id = ${user.id} FOR UPDATE`
    const today = await tx.report.count({ where: { reporterId: user.id, createdAt: { gte: dayStart } } })
    if (today >= deps.config.reports.perDay) {
      throw new AppError('report_daily_limit', `每人每天最多上报 ${deps.config.reports.perDay} 次，请明天再试`, {
        limit: deps.config.reports.perDay,
      })
    }
    const category = await tx.reportCategory.findUnique({ where: { id: body.categoryId } })
    if (!category) throw new AppError('category_not_found')
    if (!category.active) throw new AppError('category_inactive')
    const community = await tx.community.findUnique({ where: { id: body.communityId }, select: { id: true } })
    if (!community) throw new AppError('community_not_found')

    const uploads = await ownUnattachedUploads(tx, user.id, body.uploadIds)
    const hashes = uploads.map((u) => u.sha256)
    if (new Set(hashes).size !== hashes.length) throw new AppError('report_duplicate_photo', '同一张照片不能重复添加')
    await lockPhotoHashes(tx, hashes)
    const seen = await tx.reportPhoto.findFirst({
      where: { kind: 'before', upload: { sha256: { in: hashes } }, report: { createdAt: { gte: dayStart } } },
      select: { uploadId: true },
    })
    if (seen) throw new AppError('report_duplicate_photo')

    const report = await tx.report.create({
      data: {
        reporterId: user.id,
        categoryId: category.id,
        communityId: community.id,
        description: body.description,
        address: body.address,
        latitude: body.latitude,
        longitude: body.longitude,
        createdAt: now,
      },
      select: { id: true },
    })
    const event = await tx.reportEvent.create({
      data: { reportId: report.id, kind: 'submitted', toStatus: 'submitted', actorId: user.id, createdAt: now },
      select: { id: true },
    })
    await attachPhotos(tx, { reportId: report.id, eventId: event.id, kind: 'before', uploadIds: body.uploadIds })
    return report.id
  })
  return getReport(deps, user, id)
}
