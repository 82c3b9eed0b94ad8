/**
 * On-time rectification per unit, counted by hand: reports ASSIGNED in the period (China dates,
 * edges to the millisecond), on time = rectified by the deadline, overdue = open past the deadline
 * or rectified after it, open = not rectified yet, rate = on time / (on time + overdue). The office
 * sees every unit, an organiser their own; the Excel export carries the same figures with Chinese
 * headers and neutralised text.
 */
import ExcelJS from 'exceljs'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { PrismaClient } from '../../server/src/generated/prisma/client'
import { type TestApp, createTestApp } from '../helpers/app'
import { makeCommunity, makeUnit, makeUser } from '../helpers/factories'
import { type ReportWorld, bearer, categoryId, get, reportIn, reportWorld } from '../helpers/reports'

const FROM = '2026-03-01'
const TO = '2026-03-31'
const DAY = 86_400_000

interface Spec {
  unitId: number
  status: 'assigned' | 'accepted' | 'rectified' | 'closed'
  assignedAt: string
  deadline: Date
  rectifiedAt?: Date
  description?: string
  address?: string
}

async function assignedReport(prisma: PrismaClient, w: ReportWorld, s: Spec) {
  const report = await prisma.report.create({
    data: {
      reporterId: w.resident.id,
      categoryId: await categoryId(prisma),
      communityId: w.community.id,
      description: s.description ?? '人行道上堆放建筑垃圾',
      address: s.address ?? '建设路 12 号',
      latitude: 34.26,
      longitude: 108.94,
      status: s.status,
      unitId: s.unitId,
      deadline: s.deadline,
      instruction: '限期清运',
      rectifiedAt: s.rectifiedAt ?? null,
      closedAt: s.status === 'closed' ? s.rectifiedAt : null,
      createdAt: new Date(Date.parse(s.assignedAt) - 3_600_000),
    },
  })
  await prisma.reportEvent.create({
    data: {
      reportId: report.id,
      kind: 'assigned',
      fromStatus: 'submitted',
      toStatus: 'assigned',
      actorId: w.office.id,
      unitId: s.unitId,
      deadline: s.deadline,
      createdAt: new Date(s.assignedAt),
    },
  })
  return report.id
}

describe('rectification figures', () => {
  let t: TestApp
  let dir: string
  let w: ReportWorld
  let unitC: { id: number; name: string }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-stats-'))
    t = await createTestApp({ UPLOAD_DIR: dir, REPORTS_PER_DAY: '1000' })
    w = await reportWorld(t.db.prisma)
    unitC = await makeUnit(t.db.prisma, { name: '-负号开头的单位' })
    const p = t.db.prisma
    const end = (date: string) => new Date(`${date}T23:59:59.999+08:00`)
    const future = new Date(Date.now() + 10 * DAY)
    const A = w.unitA.id
    const B = w.unitB.id
    // unit A
    await assignedReport(p, w, {
      unitId: A,
      status: 'closed',
      assignedAt: '2026-02-28T16:00:00.000Z', // the first millisecond of 1 March in China: in
      deadline: end('2026-03-05'),
      rectifiedAt: end('2026-03-05'), // at the deadline: on time
      description: '=HYPERLINK("http://evil.example","点我领奖")',
    })
    await assignedReport(p, w, {
      unitId: A,
      status: 'rectified',
      assignedAt: '2026-03-31T15:59:59.999Z', // the last millisecond of 31 March in China: in
      deadline: end('2026-03-10'),
      rectifiedAt: new Date(end('2026-03-10').getTime() + 1), // a millisecond late: overdue
      address: '+86 人民路',
    })
    await assignedReport(p, w, { unitId: A, status: 'accepted', assignedAt: '2026-03-10T02:00:00Z', deadline: end('2026-03-12') }) // open, overdue
    await assignedReport(p, w, { unitId: A, status: 'assigned', assignedAt: '2026-03-20T02:00:00Z', deadline: future }) // open, not due
    await assignedReport(p, w, {
      unitId: A,
      status: 'closed',
      assignedAt: '2026-02-28T15:59:59.999Z', // 28 February in China: out
      deadline: end('2026-03-03'),
      rectifiedAt: end('2026-03-02'),
    })
    await assignedReport(p, w, {
      unitId: A,
      status: 'closed',
      assignedAt: '2026-03-31T16:00:00.000Z', // 1 April in China: out
      deadline: end('2026-04-03'),
      rectifiedAt: end('2026-04-02'),
    })
    // unit B
    await assignedReport(p, w, {
      unitId: B,
      status: 'closed',
      assignedAt: '2026-03-15T02:00:00Z',
      deadline: end('2026-03-18'),
      rectifiedAt: end('2026-03-16'),
      description: '@所有人 快来看',
    })
    await assignedReport(p, w, { unitId: B, status: 'assigned', assignedAt: '2026-03-16T02:00:00Z', deadline: future })
  })
  afterAll(async () => {
    await t.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  const EXPECTED = () => [
    { unit: { id: w.unitA.id, name: w.unitA.name }, assigned: 4, rectifiedOnTime: 1, overdue: 2, open: 2, onTimeRate: 0.3333 },
    { unit: { id: w.unitB.id, name: w.unitB.name }, assigned: 2, rectifiedOnTime: 1, overdue: 0, open: 1, onTimeRate: 1 },
    { unit: { id: unitC.id, name: unitC.name }, assigned: 0, rectifiedOnTime: 0, overdue: 0, open: 0, onTimeRate: null },
  ]

  test('when the office asks for March, then every unit’s row matches the hand count (edges of the China month included/excluded)', async () => {
    const res = await get(t, w.office.id, `/api/stats/rectification?from=${FROM}&to=${TO}`)

    expect(res.status).toBe(200)
    expect(res.body).toEqual({ from: FROM, to: TO, items: EXPECTED() })
  })

  test('when the office opens the 红黑榜 for March, then units are ranked by on-time rectification: B (100%) above A (33%), C unranked', async () => {
    const res = await get(t, w.office.id, `/api/stats/rankings?from=${FROM}&to=${TO}`)

    expect(res.status).toBe(200)
    expect(res.body.unitsByOnTimeRectification).toEqual({
      ranked: 2,
      top: [{ rank: 1, id: w.unitB.id, name: w.unitB.name, value: 1 }],
      bottom: [{ rank: 2, id: w.unitA.id, name: w.unitA.name, value: 0.3333 }],
      unranked: [{ id: unitC.id, name: unitC.name }],
    })
  })

  test('when an organiser asks, then only their unit’s row; a community organiser gets none; a volunteer is refused', async () => {
    const communityOrganiser = await makeUser(t.db.prisma, { organiserOfCommunity: (await makeCommunity(t.db.prisma)).id })
    const volunteer = await makeUser(t.db.prisma)

    const a = await get(t, w.organiserA.id, `/api/stats/rectification?from=${FROM}&to=${TO}`)
    const c = await get(t, communityOrganiser.id, `/api/stats/rectification?from=${FROM}&to=${TO}`)
    const v = await get(t, volunteer.id, `/api/stats/rectification?from=${FROM}&to=${TO}`)

    expect(a.body.items).toEqual([EXPECTED()[0]])
    expect(c.body.items).toEqual([])
    expect(v.status).toBe(403)
  })

  test('when the period is one day, then only that China day’s assignments count', async () => {
    const res = await get(t, w.office.id, '/api/stats/rectification?from=2026-03-31&to=2026-03-31')

    expect(res.body.items[0]).toMatchObject({ assigned: 1, rectifiedOnTime: 0, overdue: 1, open: 0, onTimeRate: 0 })
  })

  test('when the period is reversed, too long or not a date, then 400 with a stable code', async () => {
    const reversed = await get(t, w.office.id, '/api/stats/rectification?from=2026-03-31&to=2026-03-01')
    const tooLong = await get(t, w.office.id, '/api/stats/rectification?from=2020-01-01&to=2026-03-01')
    const bad = await get(t, w.office.id, '/api/stats/rectification?from=2026-02-30&to=2026-03-01')

    expect([reversed.status, reversed.body.error.code]).toEqual([400, 'stats_period_reversed'])
    expect([tooLong.status, tooLong.body.error.code]).toEqual([400, 'stats_period_too_long'])
    expect([bad.status, bad.body.error.code]).toEqual([400, 'validation_failed'])
  })

  describe('the Excel export', () => {
    async function workbook(userId: number) {
      const res = await t.http
        .get(`/api/exports/rectification.xlsx?from=${FROM}&to=${TO}`)
        .set('Authorization', await bearer(t, userId))
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = []
          r.on('data', (c: Buffer) => chunks.push(c))
          r.on('end', () => cb(null, Buffer.concat(chunks)))
        })
      const wb = new ExcelJS.Workbook()
      if (res.status === 200) await wb.xlsx.load(res.body)
      return { res, wb }
    }
    const values = (ws: ExcelJS.Worksheet) => {
      const rows: unknown[][] = []
      ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
      return rows
    }

    test('when the office exports March, then the summary sheet holds the same figures under Chinese headers', async () => {
      const { res, wb } = await workbook(w.office.id)

      expect(res.status).toBe(200)
      expect(res.headers['content-type']).toContain('spreadsheetml')
      expect(res.headers['content-disposition']).toContain("filename*=UTF-8''%E6%95%B4%E6%94%B9")
      const summary = values(wb.getWorksheet('整改统计')!)
      expect(summary[0]).toEqual(['责任单位', '交办数', '按期整改', '超期', '未整改', '按期整改率'])
      expect(summary.slice(1)).toEqual(
        EXPECTED().map((r) => [
          r.unit.name.startsWith('-') ? `'${r.unit.name}` : r.unit.name,
          r.assigned,
          r.rectifiedOnTime,
          r.overdue,
          r.open,
          ...(r.onTimeRate == null ? [] : [r.onTimeRate]),
        ]),
      )
      const detail = values(wb.getWorksheet('整改明细')!)
      expect(detail[0].slice(0, 6)).toEqual(['编号', '责任单位', '问题分类', '社区', '位置', '问题描述'])
      expect(detail).toHaveLength(1 + 6)
    })

    test('when text cells begin with = + - @, then they are neutralised with a leading apostrophe', async () => {
      const { wb } = await workbook(w.office.id)

      const texts: string[] = []
      wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => typeof c.value === 'string' && texts.push(c.value))))
      expect(texts).toEqual(expect.arrayContaining([`'=HYPERLINK("http://evil.example","点我领奖")`, "'+86 人民路", "'@所有人 快来看", "'-负号开头的单位"]))
      expect(texts.filter((s) => /^[=+\-@\t\r]/.test(s))).toEqual([])
      wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => expect(c.formula).toBeUndefined())))
    })

    test('when unit A’s organiser exports, then only unit A’s row and reports', async () => {
      const { res, wb } = await workbook(w.organiserA.id)

      expect(res.status).toBe(200)
      expect(values(wb.getWorksheet('整改统计')!).slice(1).map((r) => r[0])).toEqual([w.unitA.name])
      expect(values(wb.getWorksheet('整改明细')!)).toHaveLength(1 + 4)
    })
  })

  test('when a report is assigned through the API now, then today’s figures count it as assigned and open, nothing due', async () => {
    const id = await reportIn(t, w, 'assigned')
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)

    const res = await get(t, w.organiserA.id, `/api/stats/rectification?from=${today}&to=${today}`)

    expect(await t.db.prisma.report.count({ where: { id, unitId: w.unitA.id } })).toBe(1)
    expect(res.body.items).toEqual([
      { unit: { id: w.unitA.id, name: w.unitA.name }, assigned: 1, rectifiedOnTime: 0, overdue: 0, open: 1, onTimeRate: null },
    ])
  })
})
