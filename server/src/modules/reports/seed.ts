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

type Tx = Prisma.TransactionClient
type Kind = 'submitted' | 'rejected' | 'marked_duplicate' | 'assigned' | 'accepted' | 'rectified' | 'sent_back' | 'closed'

/** a step `day` days from today (negative: before) at a China wall-clock time */
interface Step {
  kind: Kind
  day: number
  time: string
  note?: string
  /** assigned / sent back: the deadline as days from today (default: the category's days from the step) */
  dueDay?: number
}

interface DemoReport {
  key: string
  reporter: string
  category: string
  description: string
  spot: string
  /** a community by name, or the n-th community the unit serves (包联) */
  community: string | { servedBy: string; n: number }
  unit?: string
  duplicateOf?: string
  photos?: number
  steps: Step[]
}

const EDU = '区教育局' // the demo organiser's unit
const CITY = '区城管局'

const PLAN: DemoReport[] = [
  {
    key: 'litter-south-gate',
    reporter: 'demo-volunteer-1',
    category: '垃圾堆放',
    description: '小区南门垃圾桶满溢，周边散落生活垃圾，气味很大',
    spot: '小区南门',
    community: '东风社区',
    photos: 2,
    steps: [{ kind: 'submitted', day: -1, time: '08:40' }],
  },
  {
    key: 'bikes-bus-stop',
    reporter: 'demo-volunteer-2',
    category: '乱停乱放',
    description: '公交站台旁共享单车堆满人行道，行人只能走机动车道',
    spot: '公交站台',
    community: '幸福里社区',
    steps: [{ kind: 'submitted', day: -1, time: '07:55' }],
  },
  {
    key: 'street-light',
    reporter: 'demo-volunteer-5',
    category: '设施损坏',
    description: '村口路灯不亮已经一周，晚上出行不安全',
    spot: '文化活动室',
    community: '光明村',
    steps: [{ kind: 'submitted', day: -2, time: '21:10' }],
  },
  {
    key: 'smoking-stairwell',
    reporter: 'demo-volunteer-4',
    category: '其他',
    description: '楼道里经常有人吸烟，烟头乱扔',
    spot: '小区南门',
    community: '和平社区',
    steps: [
      { kind: 'submitted', day: -3, time: '19:20' },
      { kind: 'rejected', day: -2, time: '09:10', note: '楼道内吸烟属物业管理事项，已转告社区物业处理' },
    ],
  },
  {
    key: 'bikes-bus-stop-again',
    reporter: 'demo-volunteer-6',
    category: '乱停乱放',
    description: '站台边单车乱停，挡住了盲道',
    spot: '公交站台',
    community: '幸福里社区',
    duplicateOf: 'bikes-bus-stop',
    steps: [
      { kind: 'submitted', day: -1, time: '08:05' },
      { kind: 'marked_duplicate', day: -1, time: '09:30', note: '与同一地点的上报重复' },
    ],
  },
  {
    key: 'stalls-market',
    reporter: 'demo-volunteer-1',
    category: '占道经营',
    description: '农贸市场门口商贩占道摆摊，早高峰车辆和行人通行困难',
    spot: '农贸市场门口',
    community: { servedBy: EDU, n: 0 },
    unit: EDU,
    steps: [
      { kind: 'submitted', day: -1, time: '10:00' },
      { kind: 'assigned', day: -1, time: '15:00', note: '请联系市场管理方，劝导商贩入场经营' },
    ],
  },
  {
    key: 'rubble-square',
    reporter: 'demo-volunteer-2',
    category: '垃圾堆放',
    description: '中心广场绿化带内堆放建筑垃圾，已有好几天',
    spot: '中心广场',
    community: { servedBy: EDU, n: 1 },
    unit: EDU,
    steps: [
      { kind: 'submitted', day: -6, time: '09:00' },
      { kind: 'assigned', day: -5, time: '10:30', note: '请清运建筑垃圾并查明来源' },
    ],
  },
  {
    key: 'broken-steps',
    reporter: 'demo-volunteer-3',
    category: '设施损坏',
    description: '文化活动室门口台阶破损，老人进出容易绊倒',
    spot: '文化活动室',
    community: { servedBy: EDU, n: 0 },
    unit: EDU,
    steps: [
      { kind: 'submitted', day: -7, time: '16:20' },
      { kind: 'assigned', day: -6, time: '09:00', note: '请修复台阶，修复前设置警示标志' },
      { kind: 'accepted', day: -5, time: '08:50' },
    ],
  },
  {
    key: 'cars-on-pavement',
    reporter: 'demo-volunteer-4',
    category: '乱停乱放',
    description: '小区南门外机动车长期占用人行道停放',
    spot: '小区南门',
    community: { servedBy: EDU, n: 1 },
    unit: EDU,
    steps: [
      { kind: 'submitted', day: -2, time: '08:00' },
      { kind: 'assigned', day: -2, time: '11:00', note: '请联系交警和物业，施划停车位并劝离' },
      { kind: 'accepted', day: -2, time: '14:00' },
      { kind: 'rectified', day: -1, time: '16:30', note: '已劝离占道车辆，物业已设置隔离桩' },
    ],
  },
  {
    key: 'posters-bus-stop',
    reporter: 'demo-volunteer-1',
    category: '不文明行为',
    description: '公交站台立柱上贴满小广告',
    spot: '公交站台',
    community: { servedBy: EDU, n: 0 },
    unit: EDU,
    steps: [
      { kind: 'submitted', day: -9, time: '12:15' },
      { kind: 'assigned', day: -9, time: '15:40', note: '请清理小广告' },
      { kind: 'accepted', day: -8, time: '09:00' },
      { kind: 'rectified', day: -7, time: '17:20', note: '已组织志愿者清理完毕' },
      { kind: 'closed', day: -6, time: '10:00', note: '整改到位' },
    ],
  },
  {
    key: 'stalls-night',
    reporter: 'demo-volunteer-5',
    category: '占道经营',
    description: '夜市摊点占用消防通道',
    spot: '中心广场',
    community: { servedBy: CITY, n: 0 },
    unit: CITY,
    steps: [
      { kind: 'submitted', day: -11, time: '21:30' },
      { kind: 'assigned', day: -10, time: '09:20', note: '请清理消防通道内摊点' },
      { kind: 'accepted', day: -10, time: '10:00' },
      { kind: 'rectified', day: -6, time: '20:10', note: '摊点已迁入规定区域' },
      { kind: 'closed', day: -5, time: '09:40', note: '已整改，但超过期限' },
    ],
  },
  {
    key: 'litter-riverside',
    reporter: 'demo-volunteer-6',
    category: '垃圾堆放',
    description: '河边步道垃圾无人清理',
    spot: '中心广场',
    community: { servedBy: CITY, n: 1 },
    unit: CITY,
    steps: [
      { kind: 'submitted', day: -4, time: '07:30' },
      { kind: 'assigned', day: -4, time: '10:00', note: '请清理步道垃圾' },
      { kind: 'accepted', day: -4, time: '11:00' },
      { kind: 'rectified', day: -3, time: '15:00', note: '已清理' },
      { kind: 'sent_back', day: -2, time: '09:00', note: '复查发现仍有垃圾残留，请彻底清理', dueDay: 1 },
    ],
  },
]

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
