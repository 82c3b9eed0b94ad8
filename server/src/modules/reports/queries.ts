/** Reading reports: one with its history and photos, or a page of a queue. */
import type { ReportList, ReportListQuery, ReportView } from '@civic/shared'
import type { z } from 'zod'
import type { SessionUser } from '../../auth/roles'
import type { Deps } from '../../deps'
import type { Prisma } from '../../generated/prisma/client'
import { AppError } from '../../http/errors'
import { storageFor } from '../../storage'
import { canSee, listScope } from './access'
import { type Presenting, detailInclude, presentReport, presentSummary, summaryInclude } from './presenter'
import { OPEN_STATUSES } from './rules'

export function presenting(deps: Deps, viewer: SessionUser, now = new Date()): Presenting {
  return { viewer, storage: storageFor(deps.config), ttlS: deps.config.fileUrlTtlS, now }
}

export async function getReport(deps: Deps, user: SessionUser, id: number): Promise<ReportView> {
  const row = await deps.prisma.report.findUnique({ where: { id }, include: detailInclude })
  if (!row || !canSee(user, row)) throw new AppError('report_not_found')
  return presentReport(row, presenting(deps, user))
}

export async function listReports(deps: Deps, user: SessionUser, q: z.output<typeof ReportListQuery>): Promise<ReportList> {
  const now = new Date()
  const scope = listScope(user, q.mine ?? false, q.unitId)
  const where: Prisma.ReportWhereInput = {
    AND: [
      scope,
      q.status ? { status: q.status } : {},
      q.unitId ? { unitId: q.unitId } : {},
      q.communityId ? { communityId: q.communityId } : {},
      q.categoryId ? { categoryId: q.categoryId } : {},
      q.open ? { status: { in: [...OPEN_STATUSES, 'rectified'] } } : {},
      q.overdue ? { status: { in: OPEN_STATUSES }, deadline: { lt: now } } : {},
    ],
  }
  const unitQueue = !q.mine && !user.isOffice && user.organiserUnitIds.length > 0
  const sort = q.sort ?? (unitQueue ? 'deadline' : 'newest')
  const orderBy: Prisma.ReportOrderByWithRelationInput[] =
    sort === 'deadline'
      ? [{ deadline: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }]
      : sort === 'oldest'
        ? [{ createdAt: 'asc' }, { id: 'asc' }]
        : [{ createdAt: 'desc' }, { id: 'desc' }]
  const [rows, total] = await Promise.all([
    deps.prisma.report.findMany({
      where,
      orderBy,
      include: summaryInclude,
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    }),
    deps.prisma.report.count({ where }),
  ])
  const p = presenting(deps, user, now)
  return { items: await Promise.all(rows.map((r) => presentSummary(r, p))), total }
}
