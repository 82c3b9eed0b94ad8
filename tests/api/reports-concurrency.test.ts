/**
 * Races the database must win: concurrent verifications of one report (one succeeds, the
 * reporter is credited once), concurrent steps by two organisers, the per-day limit and the
 * same-photo rule under a burst of submissions.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type TestApp, createTestApp } from '../helpers/app'
import { makeUser } from '../helpers/factories'
import { type ReportWorld, categoryId, post, randomImage, reportBody, reportIn, reportWorld, upload, uploadIds } from '../helpers/reports'

const LIMIT = 3

describe('reports under concurrency', () => {
  let t: TestApp
  let dir: string
  let w: ReportWorld

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-race-'))
    t = await createTestApp({ UPLOAD_DIR: dir, REPORTS_PER_DAY: String(LIMIT), REPORT_POINTS: '5' })
    w = await reportWorld(t.db.prisma)
  })
  afterAll(async () => {
    await t.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  const statuses = (rs: Array<{ status: number }>) => rs.map((r) => r.status).sort()
  const codes = (rs: Array<{ status: number; body: { error?: { code: string } } }>) =>
    [...new Set(rs.filter((r) => r.status >= 400).map((r) => r.body.error?.code))]
  /** a fresh resident (the per-day limit is per person) */
  const resident = () => makeUser(t.db.prisma, { communityId: w.community.id })

  test('when the office sends 20 close verifications at once, then exactly one succeeds and the reporter is credited once', async () => {
    const reporter = await resident()
    const id = await reportIn(t, { ...w, resident: reporter }, 'rectified')
    const before = await t.db.prisma.report.findUniqueOrThrow({ where: { id } })

    const results = await Promise.all(
      Array.from({ length: 20 }, () => post(t, w.office.id, `/api/reports/${id}/verify`, { action: 'close' })),
    )

    expect(statuses(results)).toEqual([200, ...Array(19).fill(409)])
    expect(codes(results)).toEqual(['report_invalid_transition'])
    const ledger = await t.db.prisma.pointsEntry.findMany({ where: { userId: reporter.id } })
    expect(ledger).toEqual([expect.objectContaining({ amount: 5, dedupeKey: `report:${id}:accepted` })])
    expect(await t.db.prisma.reportEvent.count({ where: { reportId: id, kind: 'closed' } })).toBe(1)
    expect((await t.db.prisma.report.findUniqueOrThrow({ where: { id } })).version).toBe(before.version + 1)
  })

  test('when close and send-back race, then exactly one of them happens', async () => {
    const reporter = await resident()
    const id = await reportIn(t, { ...w, resident: reporter }, 'rectified')

    const results = await Promise.all(
      Array.from({ length: 10 }, (_v, i) =>
        post(t, w.office.id, `/api/reports/${id}/verify`, i % 2 ? { action: 'close' } : { action: 'send_back', reason: '不合格' }),
      ),
    )

    expect(results.filter((r) => r.status === 200)).toHaveLength(1)
    const events = await t.db.prisma.reportEvent.findMany({ where: { reportId: id, kind: { in: ['closed', 'sent_back'] } } })
    expect(events).toHaveLength(1)
    const report = await t.db.prisma.report.findUniqueOrThrow({ where: { id } })
    expect(report.status).toBe(events[0].kind === 'closed' ? 'closed' : 'accepted')
    expect(await t.db.prisma.pointsEntry.count({ where: { userId: reporter.id } })).toBe(events[0].kind === 'closed' ? 1 : 0)
  })

  test('when two organisers of the unit accept at once, 5 times each, then one acceptance is recorded', async () => {
    const colleague = await makeUser(t.db.prisma, { organiserOfUnit: w.unitA.id })
    const reporter = await resident()
    const id = await reportIn(t, { ...w, resident: reporter }, 'assigned')

    const results = await Promise.all(
      Array.from({ length: 10 }, (_v, i) => post(t, i % 2 ? colleague.id : w.organiserA.id, `/api/reports/${id}/accept`)),
    )

    expect(statuses(results)).toEqual([200, ...Array(9).fill(409)])
    expect(await t.db.prisma.reportEvent.count({ where: { reportId: id, kind: 'accepted' } })).toBe(1)
  })

  test(`when a resident fires 8 submissions at once, then exactly ${LIMIT} are accepted and the rest are 429 report_daily_limit`, async () => {
    const reporter = await resident()
    const ids = await uploadIds(t, reporter.id, 8)
    const cat = await categoryId(t.db.prisma)

    const results = await Promise.all(ids.map((id) => post(t, reporter.id, '/api/reports', reportBody(w, cat, [id]))))

    expect(statuses(results)).toEqual([...Array(LIMIT).fill(201), ...Array(8 - LIMIT).fill(429)])
    expect(codes(results)).toEqual(['report_daily_limit'])
    expect(await t.db.prisma.report.count({ where: { reporterId: reporter.id } })).toBe(LIMIT)
  })

  test('when yesterday’s reports (China time) are moved out of today, then the limit opens again', async () => {
    const reporter = await resident()
    const cat = await categoryId(t.db.prisma)
    for (const id of await uploadIds(t, reporter.id, LIMIT)) {
      expect((await post(t, reporter.id, '/api/reports', reportBody(w, cat, [id]))).status).toBe(201)
    }
    const [extra] = await uploadIds(t, reporter.id)
    expect((await post(t, reporter.id, '/api/reports', reportBody(w, cat, [extra]))).status).toBe(429)

    // the start of today in China: 16:00 UTC of the previous day
    const startOfChinaToday = new Date(`${new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)}T00:00:00+08:00`)
    await t.db.prisma.report.updateMany({
      where: { reporterId: reporter.id },
      data: { createdAt: new Date(startOfChinaToday.getTime() - 1) },
    })

    expect((await post(t, reporter.id, '/api/reports', reportBody(w, cat, [extra]))).status).toBe(201)
  })

  test('when five residents submit the same photo bytes at once, then one report is accepted and four are 409 report_duplicate_photo', async () => {
    const bytes = await randomImage()
    const people = await Promise.all(Array.from({ length: 5 }, resident))
    const uploads: Array<[number, string]> = []
    for (const p of people) uploads.push([p.id, (await upload(t, p.id, bytes)).body.uploadId])
    const cat = await categoryId(t.db.prisma)
    const before = await t.db.prisma.report.count()

    const results = await Promise.all(uploads.map(([userId, id]) => post(t, userId, '/api/reports', reportBody(w, cat, [id]))))

    expect(statuses(results)).toEqual([201, 409, 409, 409, 409])
    expect(codes(results)).toEqual(['report_duplicate_photo'])
    expect(await t.db.prisma.report.count()).toBe(before + 1)
  })

  test('when one resident submits the same photo twice at once (two uploads of it), then one report', async () => {
    const reporter = await resident()
    const bytes = await randomImage()
    const a = (await upload(t, reporter.id, bytes)).body.uploadId
    const b = (await upload(t, reporter.id, bytes)).body.uploadId
    const cat = await categoryId(t.db.prisma)

    const results = await Promise.all([a, b].map((id) => post(t, reporter.id, '/api/reports', reportBody(w, cat, [id]))))

    expect(statuses(results)).toEqual([201, 409])
    expect(await t.db.prisma.report.count({ where: { reporterId: reporter.id } })).toBe(1)
  })

  test('when the same upload is offered to two reports at once, then it is attached once', async () => {
    const reporter = await resident()
    const [id] = await uploadIds(t, reporter.id)
    const cat = await categoryId(t.db.prisma)

    const results = await Promise.all([1, 2].map(() => post(t, reporter.id, '/api/reports', reportBody(w, cat, [id]))))

    expect(statuses(results)).toEqual([201, 409])
    expect(codes(results)).toEqual(['upload_already_used'])
    expect(await t.db.prisma.reportPhoto.count({ where: { uploadId: id } })).toBe(1)
  })
})
