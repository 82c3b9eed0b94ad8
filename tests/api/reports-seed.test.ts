/**
 * The demo city's 随手拍 reports: every state present, histories consistent with the reports,
 * photos stored through the storage interface, points once per closed report, the same rows and
 * image bytes for the same day; and the demo organiser's live queue through the API.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { PrismaClient } from '../../server/src/generated/prisma/client'
import { seedDemoIfEmpty } from '../../server/src/seed/demo'
import { LocalStorage, UrlSigner } from '../../server/src/storage'
import { type TestApp, createTestApp } from '../helpers/app'
import { type TestDatabase, createTestDatabase, testCipher } from '../helpers/db'
import { get } from '../helpers/reports'

const TODAY = '2026-11-18'

async function reportsOf(prisma: PrismaClient) {
  return prisma.report.findMany({
    orderBy: { id: 'asc' },
    include: {
      events: { orderBy: { id: 'asc' } },
      photos: { orderBy: [{ eventId: 'asc' }, { position: 'asc' }], include: { upload: true } },
      category: true,
      unit: true,
    },
  })
}

describe('demo reports', () => {
  const dirs: string[] = []
  const dbs: TestDatabase[] = []
  const storageIn = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-seed-'))
    dirs.push(dir)
    return new LocalStorage(dir, new UrlSigner(Buffer.alloc(32, 1)))
  }
  let storage: LocalStorage
  let db: TestDatabase

  beforeAll(async () => {
    storage = storageIn()
    db = await createTestDatabase()
    dbs.push(db)
    await seedDemoIfEmpty(db.prisma, { today: TODAY, cipher: testCipher, reports: { storage, points: 5 } })
  }, 120_000)
  afterAll(async () => {
    for (const d of dbs) await d.close()
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
  })

  test('when seeded, then every state is present and each history leads to its report’s state', async () => {
    const reports = await reportsOf(db.prisma)

    expect(new Set(reports.map((r) => r.status))).toEqual(
      new Set(['submitted', 'rejected', 'duplicate', 'assigned', 'accepted', 'rectified', 'closed']),
    )
    for (const r of reports) {
      expect(r.events[0]).toMatchObject({ kind: 'submitted', fromStatus: null, actorId: r.reporterId })
      for (let i = 1; i < r.events.length; i++) expect(r.events[i].fromStatus).toBe(r.events[i - 1].toStatus)
      expect(r.events[r.events.length - 1].toStatus).toBe(r.status)
      expect(r.version).toBe(r.events.length - 1)
      expect(r.createdAt.getTime()).toBeLessThan(Date.parse(`${TODAY}T00:00:00+08:00`))
      expect(r.photos.filter((p) => p.kind === 'before').length).toBeGreaterThanOrEqual(1)
      expect(r.photos.filter((p) => p.kind === 'after').length).toBe(r.events.filter((e) => e.kind === 'rectified').length)
      if (r.deadline) expect(r.deadline.toISOString()).toMatch(/T15:59:59\.999Z$/)
    }
  })

  test('when seeded, then every photo is in storage with the recorded hash, and each closed report earned points once', async () => {
    const reports = await reportsOf(db.prisma)
    for (const p of reports.flatMap((r) => r.photos)) {
      const bytes = await storage.get(p.upload.storageKey)
      expect(createHash('sha256').update(bytes!).digest('hex')).toBe(p.upload.sha256)
    }
    const closed = reports.filter((r) => r.status === 'closed')
    const entries = await db.prisma.pointsEntry.findMany({ where: { sourceType: 'report' } })
    expect(entries.map((e) => e.dedupeKey).sort()).toEqual(closed.map((r) => `report:${r.id}:accepted`).sort())
    expect(entries.every((e) => e.amount === 5)).toBe(true)
  })

  test('when another database is seeded for the same day, then the same reports, histories and photo bytes', async () => {
    const other = await createTestDatabase()
    dbs.push(other)
    await seedDemoIfEmpty(other.prisma, { today: TODAY, cipher: testCipher, reports: { storage: storageIn(), points: 5 } })

    const shape = async (prisma: PrismaClient) =>
      (await reportsOf(prisma)).map((r) => ({
        status: r.status,
        description: r.description,
        category: r.category.name,
        unit: r.unit?.name ?? null,
        deadline: r.deadline,
        latitude: r.latitude,
        events: r.events.map((e) => [e.kind, e.createdAt.toISOString(), e.note, e.deadline?.toISOString() ?? null]),
        photos: r.photos.map((p) => [p.kind, p.uploadId, p.upload.sha256]),
      }))
    expect(await shape(other.prisma)).toEqual(await shape(db.prisma))
  }, 120_000)

  describe('through the API, seeded for today', () => {
    let t: TestApp
    beforeAll(async () => {
      t = await createTestApp({ UPLOAD_DIR: storageIn().dir })
      await seedDemoIfEmpty(t.db.prisma, { cipher: testCipher, reports: { storage: storageIn(), points: 5 } })
    }, 120_000)
    afterAll(() => t.close())

    const idOf = async (openid: string) => (await t.db.prisma.user.findUniqueOrThrow({ where: { openid } })).id

    test('when the demo organiser opens the queue of open tasks, then four by deadline, the overdue one first; all of the unit’s add the closed one', async () => {
      const res = await get(t, await idOf('demo-organiser'), '/api/reports?open=1')
      const all = await get(t, await idOf('demo-organiser'), '/api/reports')

      expect(res.status).toBe(200)
      expect(res.body.items.map((i: { status: string }) => i.status).sort()).toEqual(['accepted', 'assigned', 'assigned', 'rectified'])
      expect(res.body.items.filter((i: { overdue: boolean }) => i.overdue)).toHaveLength(1)
      expect(res.body.items[0].overdue).toBe(true)
      expect(res.body.items.every((i: { unit: { name: string } }) => i.unit.name === '区教育局')).toBe(true)
      expect(all.body.items.map((i: { status: string }) => i.status).sort()).toEqual(['accepted', 'assigned', 'assigned', 'closed', 'rectified'])
    })

    test('when the office filters the triage queue, then three submitted reports wait', async () => {
      const res = await get(t, await idOf('demo-office'), '/api/reports?status=submitted')

      expect(res.body.total).toBe(3)
      expect(res.body.items.every((i: { reporter: { name: string } | null }) => i.reporter?.name)).toBe(true)
    })
  })
})
