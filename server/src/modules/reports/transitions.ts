/**
 * The state machine. Each step is one transaction: a conditional update of the report
 * (`id`, an allowed status and the version read) and the history event. When the update
 * matches no row (another request moved the report first, or the step is not allowed from its
 * state) nothing is written and the answer is 409 `report_invalid_transition`.
 *
 *   submitted ─triage→ rejected | duplicate | assigned ─accept→ accepted ─rectify→ rectified
 *   rectified ─verify: close→ closed (the reporter is credited once)
 *   rectified ─verify: send back→ accepted (the deadline may be extended)
 */
import type { RectifyBody, ReportStatus, ReportView, TriageBody, VerifyBody } from '@civic/shared'
import type { z } from 'zod'
import type { SessionUser } from '../../auth/roles'
import { type Tx, withTx } from '../../db/tx'
import type { Deps } from '../../deps'
import type { Prisma } from '../../generated/prisma/client'
import { AppError } from '../../http/errors'
import { canSee, isUnitOrganiserOf } from './access'
import { attachPhotos, ownUnattachedUploads } from './attach'
import { getReport } from './queries'
import { chosenDeadline, deadlineAfterDays } from './rules'

type Current = { id: number; status: ReportStatus; version: number; reporterId: number; unitId: number | null }

interface Step {
  from: ReportStatus[]
  to: ReportStatus
  kind: Prisma.ReportEventCreateManyInput['kind']
  data?: Prisma.ReportUncheckedUpdateManyInput
  note?: string | null
  unitId?: number | null
  deadline?: Date | null
}

/** Moves the report if it is still where it was read; returns the event's id. */
async function step(tx: Tx, r: Current, actorId: number, s: Step, now: Date): Promise<number> {
  const { count } = await tx.report.updateMany({
    where: { id: r.id, status: { in: s.from }, version: r.version },
    data: { ...s.data, status: s.to, version: { increment: 1 } },
  })
  if (count !== 1) throw new AppError('report_invalid_transition', undefined, { status: r.status })
  const event = await tx.reportEvent.create({
    data: {
      reportId: r.id,
      kind: s.kind,
      fromStatus: r.status,
      toStatus: s.to,
      actorId,
      note: s.note ?? null,
      unitId: s.unitId ?? null,
      deadline: s.deadline ?? null,
      createdAt: now,
    },
    select: { id: true },
  })
  return event.id
}

/** The report as the caller may see it (404 otherwise), read inside the transaction. */
async function load(tx: Tx, user: SessionUser, id: number) {
  const r = await tx.report.findUnique({
    where: { id },
    select: {
      id: true,
      status: true,
      version: true,
      reporterId: true,
      unitId: true,
      deadline: true,
      category: { select: { name: true, deadlineDays: true } },
    },
  })
  if (!r || !canSee(user, r)) throw new AppError('report_not_found')
  return r
}

/** Refuses early, before any other check, when the step is not allowed from the state read. */
function allowedFrom(r: Current, allowed: ReportStatus[]) {
  if (!allowed.includes(r.status)) throw new AppError('report_invalid_transition', undefined, { status: r.status })
}

/** Only the organisers of the assigned unit act on it (the office verifies; it does not rectify). */
function requireUnitOrganiser(user: SessionUser, r: Current) {
  if (!isUnitOrganiserOf(user, r.unitId)) throw new AppError('forbidden', '只有责任单位的组织者可以办理')
}

export async function triage(deps: Deps, user: SessionUser, id: number, body: z.output<typeof TriageBody>): Promise<ReportView> {
  const now = new Date()
  await withTx(deps.prisma, async (tx) => {
    const r = await load(tx, user, id)
    allowedFrom(r, ['submitted'])
    if (body.action === 'reject') {
      await step(tx, r, user.id, { from: ['submitted'], to: 'rejected', kind: 'rejected', note: body.reason }, now)
    } else if (body.action === 'duplicate') {
      const original = await tx.report.findUnique({ where: { id: body.duplicateOfId }, select: { id: true, status: true } })
      if (!original || original.id === r.id || original.status === 'rejected' || original.status === 'duplicate') {
        throw new AppError('report_duplicate_of_invalid')
      }
      await step(
        tx,
        r,
        user.id,
        {
          from: ['submitted'],
          to: 'duplicate',
          kind: 'marked_duplicate',
          data: { duplicateOfId: original.id },
          note: `与第 ${original.id} 号上报重复`,
        },
        now,
      )
    } else {
      const unit = await tx.unit.findUnique({ where: { id: body.unitId }, select: { id: true } })
      if (!unit) throw new AppError('unit_not_found')
      const deadline = body.deadline ? chosenDeadline(body.deadline, now) : deadlineAfterDays(now, r.category.deadlineDays)
      await step(
        tx,
        r,
        user.id,
        {
          from: ['submitted'],
          to: 'assigned',
          kind: 'assigned',
          data: { unitId: unit.id, deadline, instruction: body.instruction },
          note: body.instruction,
          unitId: unit.id,
          deadline,
        },
        now,
      )
    }
  })
  return getReport(deps, user, id)
}

export async function accept(deps: Deps, user: SessionUser, id: number): Promise<ReportView> {
  const now = new Date()
  await withTx(deps.prisma, async (tx) => {
    const r = await load(tx, user, id)
    requireUnitOrganiser(user, r)
    allowedFrom(r, ['assigned'])
    await step(tx, r, user.id, { from: ['assigned'], to: 'accepted', kind: 'accepted', unitId: r.unitId }, now)
  })
  return getReport(deps, user, id)
}

export async function rectify(deps: Deps, user: SessionUser, id: number, body: z.output<typeof RectifyBody>): Promise<ReportView> {
  const now = new Date()
  await withTx(deps.prisma, async (tx) => {
    const r = await load(tx, user, id)
    requireUnitOrganiser(user, r)
    allowedFrom(r, ['accepted'])
    const uploads = await ownUnattachedUploads(tx, user.id, body.uploadIds)
    // the resident's own photo is no proof of a rectification
    const before = await tx.reportPhoto.findFirst({
      where: { reportId: r.id, kind: 'before', upload: { sha256: { in: uploads.map((u) => u.sha256) } } },
      select: { id: true },
    })
    if (before) throw new AppError('report_duplicate_photo', '整改后照片不能与上报照片相同')
    const eventId = await step(
      tx,
      r,
      user.id,
      {
        from: ['accepted'],
        to: 'rectified',
        kind: 'rectified',
        data: { rectifiedAt: now },
        note: body.note,
        unitId: r.unitId,
        deadline: r.deadline,
      },
      now,
    )
    await attachPhotos(tx, { reportId: r.id, eventId, kind: 'after', uploadIds: body.uploadIds })
  })
  return getReport(deps, user, id)
}

export async function verify(deps: Deps, user: SessionUser, id: number, body: z.output<typeof VerifyBody>): Promise<ReportView> {
  const now = new Date()
  await withTx(deps.prisma, async (tx) => {
    const r = await load(tx, user, id)
    allowedFrom(r, ['rectified'])
    if (body.action === 'send_back') {
      const deadline = body.newDeadline ? chosenDeadline(body.newDeadline, now) : r.deadline
      await step(
        tx,
        r,
        user.id,
        {
          from: ['rectified'],
          to: 'accepted',
          kind: 'sent_back',
          data: { deadline },
          note: body.reason,
          unitId: r.unitId,
          deadline,
        },
        now,
      )
      return
    }
    await step(
      tx,
      r,
      user.id,
      { from: ['rectified'], to: 'closed', kind: 'closed', data: { closedAt: now }, note: body.note ?? null, unitId: r.unitId },
      now,
    )
    await creditReporter(tx, deps.config.reports.points, { id: r.id, reporterId: r.reporterId, category: r.category.name, actorId: user.id })
  })
  return getReport(deps, user, id)
}

/** The reporter's points for an accepted (closed) report: once per report, whatever happens. */
async function creditReporter(
  tx: Tx,
  points: number,
  r: { id: number; reporterId: number; category: string; actorId: number },
): Promise<void> {
  if (points <= 0) return
  await tx.pointsEntry.createMany({
    data: [
      {
        userId: r.reporterId,
        amount: points,
        reason: `随手拍「${r.category}」问题已整改办结（第 ${r.id} 号）`,
        sourceType: 'report',
        sourceId: String(r.id),
        dedupeKey: `report:${r.id}:accepted`,
        actorId: r.actorId,
      },
    ],
    skipDuplicates: true,
  })
}
