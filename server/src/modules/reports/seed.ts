/**
 * Demo 随手拍 reports for the demo city (called by seed/demo.ts inside its transaction): a live
 * office triage queue, the demo organiser's unit queue (one due, one overdue, one in progress,
 * one awaiting verification), closed ones that earned points, a rejection, a duplicate and a
 * send-back. Photos are small generated pictures stored through the storage interface.
 * Reproducible: the same `today` and seed give the same rows and the same image bytes.
 */
import { createHash } from 'node:crypto'
import { chinaWallClock } from '@civic/shared'
import sharp from 'sharp'
import type { Prisma } from '../../generated/prisma/client'
import type { Rng } from '../../seed/random'
import type { Storage } from '../../storage'
import { endOfChinaDay } from './rules'
import { type Kind, PLAN, type Step } from './seed-plan'

type Tx = Prisma.TransactionClient

const TO_STATUS = {
  submitted: 'submitted',
  rejected: 'rejected',
  marked_duplicate: 'duplicate',
  assigned: 'assigned',
  accepted: 'accepted',
  rectified: 'rectified',
  sent_back: 'accepted',
  closed: 'closed',
} as const
const UNIT_KINDS = new Set<Kind>(['accepted', 'rectified'])
const KEY_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'

export interface DemoReportContext {
  today: string
  rng: Rng
  storage: Storage
  /** points a closed report earns its reporter */
  points: number
  userId(openid: string): number
  officeId: number
  /** the organiser who acts for a unit */
  organiserOfUnit(unit: string): number
  unitId(name: string): number
  communityId(name: string): number
  communitiesOfUnit(unit: string): string[]
  centre(community: string): { lat: number; lng: number }
}

/** calendar arithmetic on `YYYY-MM-DD` (no time zone involved) */
function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/** A 480 × 360 picture of coloured blocks: greys and browns before, greens after. */
async function picture(rng: Rng, after: boolean): Promise<Buffer> {
  const width = 480
  const height = 360
  const pixels = Buffer.alloc(width * height * 3)
  const base = after ? [120 + rng.int(0, 40), 170 + rng.int(0, 50), 110 + rng.int(0, 40)] : [150 + rng.int(0, 40), 140 + rng.int(0, 30), 120 + rng.int(0, 30)]
  for (let i = 0; i < width * height; i++) pixels.set(base, i * 3)
  for (let k = 0; k < 7; k++) {
    const [x0, y0] = [rng.int(0, width - 60), rng.int(0, height - 60)]
    const [w, h] = [rng.int(30, 160), rng.int(20, 120)]
    const colour = [rng.int(40, 230), rng.int(40, 230), rng.int(40, 230)]
    for (let y = y0; y < Math.min(height, y0 + h); y++) {
      for (let x = x0; x < Math.min(width, x0 + w); x++) pixels.set(colour, (y * width + x) * 3)
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 80 }).toBuffer()
}

async function storePhoto(tx: Tx, c: DemoReportContext, ownerId: number, at: Date, after: boolean): Promise<string> {
  const bytes = await picture(c.rng, after)
  const id = `demo${c.rng.string(18, KEY_ALPHABET)}`
  const key = `${id}.jpg`
  await c.storage.put(key, bytes, 'image/jpeg')
  await tx.upload.create({
    data: {
      id,
      ownerId,
      mime: 'image/jpeg',
      size: bytes.length,
      width: 480,
      height: 360,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      storageKey: key,
      createdAt: at,
    },
  })
  return id
}

/** Seeds the demo reports; returns how many reports and points entries it wrote. */
export async function seedDemoReports(tx: Tx, c: DemoReportContext): Promise<{ reports: number; pointsEntries: number }> {
  const categories = new Map((await tx.reportCategory.findMany()).map((k) => [k.name, k]))
  const ids = new Map<string, number>()
  let pointsEntries = 0
  for (const plan of PLAN) {
    const category = categories.get(plan.category)!
    const community =
      typeof plan.community === 'string'
        ? plan.community
        : c.communitiesOfUnit(plan.community.servedBy)[plan.community.n % c.communitiesOfUnit(plan.community.servedBy).length]
    const at = (s: Step) => chinaWallClock(addDays(c.today, s.day), s.time)
    const reporterId = c.userId(plan.reporter)
    const unitId = plan.unit ? c.unitId(plan.unit) : null
    const organiserId = plan.unit ? c.organiserOfUnit(plan.unit) : null

    // the report's current state is where its steps lead
    let status: (typeof TO_STATUS)[Kind] = 'submitted'
    let deadline: Date | null = null
    let rectifiedAt: Date | null = null
    let closedAt: Date | null = null
    const deadlines: Array<Date | null> = []
    for (const s of plan.steps) {
      status = TO_STATUS[s.kind]
      if (s.kind === 'assigned' || (s.kind === 'sent_back' && s.dueDay != null)) {
        deadline = endOfChinaDay(addDays(c.today, s.dueDay ?? s.day + category.deadlineDays))
      }
      if (s.kind === 'rectified') rectifiedAt = at(s)
      if (s.kind === 'closed') closedAt = at(s)
      deadlines.push(['assigned', 'sent_back', 'rectified'].includes(s.kind) ? deadline : null)
    }
    const centre = c.centre(community)
    const report = await tx.report.create({
      data: {
        reporterId,
        categoryId: category.id,
        description: plan.description,
        communityId: c.communityId(community),
        address: `${community}${plan.spot}`,
        latitude: Math.round((centre.lat + c.rng.float(-0.004, 0.004)) * 1e6) / 1e6,
        longitude: Math.round((centre.lng + c.rng.float(-0.004, 0.004)) * 1e6) / 1e6,
        status,
        unitId,
        deadline,
        instruction: plan.steps.find((s) => s.kind === 'assigned')?.note ?? null,
        duplicateOfId: plan.duplicateOf ? ids.get(plan.duplicateOf)! : null,
        rectifiedAt,
        closedAt,
        version: plan.steps.length - 1,
        createdAt: at(plan.steps[0]),
        updatedAt: at(plan.steps[plan.steps.length - 1]),
      },
      select: { id: true },
    })
    ids.set(plan.key, report.id)

    let from: (typeof TO_STATUS)[Kind] | null = null
    for (const [i, s] of plan.steps.entries()) {
      const actorId = s.kind === 'submitted' ? reporterId : UNIT_KINDS.has(s.kind) ? organiserId! : c.officeId
      const event = await tx.reportEvent.create({
        data: {
          reportId: report.id,
          kind: s.kind,
          fromStatus: from,
          toStatus: TO_STATUS[s.kind],
          actorId,
          note: s.note ?? null,
          unitId: s.kind === 'submitted' || s.kind === 'rejected' || s.kind === 'marked_duplicate' ? null : unitId,
          deadline: deadlines[i],
          createdAt: at(s),
        },
        select: { id: true },
      })
      from = TO_STATUS[s.kind]
      const photos = s.kind === 'submitted' ? (plan.photos ?? 1) : s.kind === 'rectified' ? 1 : 0
      for (let p = 0; p < photos; p++) {
        const uploadId = await storePhoto(tx, c, actorId, at(s), s.kind === 'rectified')
        await tx.reportPhoto.create({
          data: { reportId: report.id, uploadId, kind: s.kind === 'rectified' ? 'after' : 'before', eventId: event.id, position: p },
        })
      }
      if (s.kind === 'closed' && c.points > 0) {
        await tx.pointsEntry.create({
          data: {
            userId: reporterId,
            amount: c.points,
            reason: `随手拍「${plan.category}」问题已整改办结（第 ${report.id} 号）`,
            sourceType: 'report',
            sourceId: String(report.id),
            dedupeKey: `report:${report.id}:accepted`,
            actorId: c.officeId,
            createdAt: at(s),
          },
        })
        pointsEntries++
      }
    }
  }
  return { reports: PLAN.length, pointsEntries }
}
