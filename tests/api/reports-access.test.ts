/**
 * Who sees which reports: residents their own, a unit's organisers their unit's queue (by
 * deadline), the office everything; a report one may not see answers 404 (nothing leaks). Names
 * go to the office only, phone numbers to nobody. Photos through signed, expiring links.
 * Categories: everyone reads the active ones, the office manages them.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type TestApp, createTestApp } from '../helpers/app'
import { makeUser } from '../helpers/factories'
import { ASSIGN, type ReportWorld, bearer, get, post, reportIn, reportWorld, submitReport, uploadIds } from '../helpers/reports'
import { LocalStorage, storageFor } from '../../server/src/storage'

describe('report access', () => {
  let t: TestApp
  let dir: string
  let w: ReportWorld

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-access-'))
    t = await createTestApp({ UPLOAD_DIR: dir, REPORTS_PER_DAY: '1000' })
    w = await reportWorld(t.db.prisma)
  })
  afterAll(async () => {
    await t.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  const ids = (res: { body: { items: Array<{ id: number }> } }) => res.body.items.map((i) => i.id)

  describe('residents', () => {
    test('when a resident lists reports (with or without mine=1), then only their own show; another’s by id is 404', async () => {
      const mine: number = (await submitReport(t, w)).body.id
      const theirs: number = (await submitReport(t, w, w.neighbour.id)).body.id

      const list = await get(t, w.resident.id, '/api/reports?pageSize=200')
      const listMine = await get(t, w.resident.id, '/api/reports?mine=1&pageSize=200')
      const other = await get(t, w.resident.id, `/api/reports/${theirs}`)

      expect(ids(list)).toContain(mine)
      expect(ids(list)).not.toContain(theirs)
      expect(ids(listMine)).toEqual(ids(list))
      const everyone = await t.db.prisma.report.findMany({ where: { reporterId: w.resident.id }, select: { id: true } })
      expect(list.body.total).toBe(everyone.length)
      expect([other.status, other.body.error.code]).toEqual([404, 'report_not_found'])
    })

    test('when a resident filters by another unit or community, then still only their own show', async () => {
      const theirs = await reportIn(t, w, 'assigned')
      await t.db.prisma.report.update({ where: { id: theirs }, data: { reporterId: w.neighbour.id } })

      const res = await get(t, w.resident.id, `/api/reports?unitId=${w.unitA.id}&pageSize=200`)

      expect(res.status).toBe(200)
      expect(ids(res)).not.toContain(theirs)
      for (const item of res.body.items) expect(item.unit.id).toBe(w.unitA.id)
    })

    test('when a resident tries a step on their own report, then 403 (office or unit only)', async () => {
      const id = await reportIn(t, w, 'assigned')

      expect((await post(t, w.resident.id, `/api/reports/${id}/triage`, { action: 'reject', reason: 'x' })).status).toBe(403)
      expect((await post(t, w.resident.id, `/api/reports/${id}/accept`)).status).toBe(403)
      expect((await post(t, w.resident.id, `/api/reports/${id}/verify`, { action: 'close' })).status).toBe(403)
    })
  })

  describe('units', () => {
    test('when a unit’s organiser lists, then only their unit’s queue, sorted by deadline; another unit’s queue is 403', async () => {
      const a1 = await reportIn(t, w, 'assigned')
      const a2 = await reportIn(t, w, 'accepted')
      const a3 = await reportIn(t, w, 'assigned')
      const b1: number = (await submitReport(t, w)).body.id
      await post(t, w.office.id, `/api/reports/${b1}/triage`, { ...ASSIGN, unitId: w.unitB.id })
      const unassigned: number = (await submitReport(t, w)).body.id
      // deadlines: a3 first, then a1, then a2
      const soon = (days: number) => new Date(Date.now() + days * 86_400_000)
      await t.db.prisma.report.update({ where: { id: a1 }, data: { deadline: soon(2) } })
      await t.db.prisma.report.update({ where: { id: a2 }, data: { deadline: soon(3) } })
      await t.db.prisma.report.update({ where: { id: a3 }, data: { deadline: soon(1) } })

      const queue = await get(t, w.organiserA.id, '/api/reports?pageSize=200')
      const other = await get(t, w.organiserA.id, `/api/reports?unitId=${w.unitB.id}`)

      const mine = ids(queue).filter((id) => [a1, a2, a3].includes(id))
      expect(mine).toEqual([a3, a1, a2])
      expect(ids(queue)).not.toContain(b1)
      expect(ids(queue)).not.toContain(unassigned)
      for (const item of queue.body.items) expect(item.unit.id).toBe(w.unitA.id)
      const deadlines = queue.body.items.map((i: { deadline: string }) => Date.parse(i.deadline))
      expect(deadlines).toEqual([...deadlines].sort((x, y) => x - y))
      expect(other.status).toBe(403)
    })

    test('when a unit’s organiser opens another unit’s report or an unassigned one, then 404; steps on them too', async () => {
      const id = await reportIn(t, w, 'assigned')
      const submitted: number = (await submitReport(t, w)).body.id

      for (const rid of [id, submitted]) {
        const res = await get(t, w.organiserB.id, `/api/reports/${rid}`)
        expect([res.status, res.body.error.code]).toEqual([404, 'report_not_found'])
      }
      const accept = await post(t, w.organiserB.id, `/api/reports/${id}/accept`)
      const [after] = await uploadIds(t, w.organiserB.id)
      const rectify = await post(t, w.organiserB.id, `/api/reports/${id}/rectify`, { note: '已整改', uploadIds: [after] })
      expect([accept.status, rectify.status]).toEqual([404, 404])
      expect((await t.db.prisma.report.findUniqueOrThrow({ where: { id } })).status).toBe('assigned')
    })

    test('when the office (not an organiser of the unit) tries to accept or rectify, then 403: only the unit does', async () => {
      const id = await reportIn(t, w, 'assigned')

      const res = await post(t, w.office.id, `/api/reports/${id}/accept`)

      expect([res.status, res.body.error.code]).toEqual([403, 'forbidden'])
    })

    test('when a unit’s organiser views a report, then no reporter name, no names in the history and no phone anywhere', async () => {
      const id = await reportIn(t, w, 'accepted')

      const res = await get(t, w.organiserA.id, `/api/reports/${id}`)
      const list = await get(t, w.organiserA.id, '/api/reports?pageSize=200')

      expect(res.status).toBe(200)
      expect(res.body.reporter).toBeNull()
      expect(res.body.history.every((e: { actor: { name: unknown } }) => e.actor.name === null)).toBe(true)
      expect(res.body.actions).toEqual(['rectify'])
      for (const text of [JSON.stringify(res.body), JSON.stringify(list.body)]) {
        expect(text).not.toContain('居民陈')
        expect(text).not.toContain('13912345678')
        expect(text).not.toContain('5678')
      }
    })
  })

  describe('the office', () => {
    test('when the office lists with filters, then everything matching shows, with reporters’ names but no phone', async () => {
      const a = await reportIn(t, w, 'assigned')
      const s: number = (await submitReport(t, w, w.neighbour.id)).body.id

      const all = await get(t, w.office.id, '/api/reports?pageSize=200')
      const submitted = await get(t, w.office.id, '/api/reports?status=submitted&pageSize=200')
      const ofUnit = await get(t, w.office.id, `/api/reports?unitId=${w.unitA.id}&pageSize=200`)
      const ofCommunity = await get(t, w.office.id, `/api/reports?communityId=${w.community.id}&pageSize=200`)

      expect(ids(all)).toEqual(expect.arrayContaining([a, s]))
      expect(all.body.total).toBe(await t.db.prisma.report.count())
      expect(ids(submitted)).toContain(s)
      expect(ids(submitted)).not.toContain(a)
      expect(ids(ofUnit)).toContain(a)
      expect(ids(ofUnit)).not.toContain(s)
      expect(ofCommunity.body.total).toBe(await t.db.prisma.report.count({ where: { communityId: w.community.id } }))
      const item = all.body.items.find((i: { id: number }) => i.id === s)
      expect(item.reporter).toEqual({ id: w.neighbour.id, name: '居民周' })
      expect(JSON.stringify(all.body)).not.toContain('13912345678')
      const view = await get(t, w.office.id, `/api/reports/${s}`)
      expect(view.body.actions).toEqual(['triage'])
    })

    test('when the office pages through, then pages do not overlap and total counts all', async () => {
      const total = await t.db.prisma.report.count()
      const p1 = await get(t, w.office.id, '/api/reports?pageSize=2&page=1')
      const p2 = await get(t, w.office.id, '/api/reports?pageSize=2&page=2')

      expect(p1.body.items).toHaveLength(2)
      expect(p1.body.total).toBe(total)
      expect(ids(p1).filter((id) => ids(p2).includes(id))).toEqual([])
      // newest first by default
      expect(Date.parse(p1.body.items[0].createdAt)).toBeGreaterThanOrEqual(Date.parse(p2.body.items[0].createdAt))
    })
  })

  describe('photo links', () => {
    test('when a report’s photo link is fetched without a login, then the stored image; tampered or expired links are 403', async () => {
      const created = await submitReport(t, w)
      const photo = created.body.photos.before[0]
      expect(photo.url).toMatch(/^\/api\/files\/[A-Za-z0-9_-]+\.jpg\?exp=\d+&sig=[A-Za-z0-9_-]+$/)
      expect(created.body.thumbnailUrl).toBeUndefined()

      const ok = await t.http.get(photo.url)
      const row = await t.db.prisma.upload.findUniqueOrThrow({ where: { id: photo.uploadId } })
      expect(ok.status).toBe(200)
      expect(ok.headers['content-type']).toBe('image/jpeg')
      expect(ok.headers['x-content-type-options']).toBe('nosniff')
      expect(Buffer.compare(ok.body, fs.readFileSync(path.join(dir, row.storageKey)))).toBe(0)

      const tampered = photo.url.replace(/sig=./, (m: string) => (m.endsWith('A') ? 'sig=B' : 'sig=A'))
      const longer = photo.url.replace(/exp=(\d+)/, (_m: string, e: string) => `exp=${Number(e) + 3600}`)
      const storage = storageFor(t.deps.config) as LocalStorage
      const { exp, sig } = storage.signer.sign(row.storageKey, -1)
      const expired = `/api/files/${row.storageKey}?exp=${exp}&sig=${sig}`
      for (const url of [tampered, longer, expired, `/api/files/${row.storageKey}`]) {
        const res = await t.http.get(url)
        expect([url, res.status, res.body.error?.code]).toEqual([url, 403, 'file_link_invalid'])
      }
      expect((await t.http.get(`/api/files/..%2F..%2Fpackage.json?exp=${exp}&sig=${sig}`)).status).toBe(404)
    })

    test('when a list is fetched, then each item carries a signed thumbnail link to its first photo', async () => {
      const created = await submitReport(t, w)

      const list = await get(t, w.resident.id, '/api/reports?pageSize=200')

      const item = list.body.items.find((i: { id: number }) => i.id === created.body.id)
      expect(item.thumbnailUrl.split('?')[0]).toBe(created.body.photos.before[0].url.split('?')[0])
      expect((await t.http.get(item.thumbnailUrl)).status).toBe(200)
    })
  })

  describe('categories', () => {
    test('when anyone lists categories, then the six defaults in order, active only', async () => {
      const res = await get(t, w.resident.id, '/api/categories')

      expect(res.status).toBe(200)
      expect(res.body.items.slice(0, 6).map((c: { name: string }) => c.name)).toEqual([
        '乱停乱放',
        '占道经营',
        '垃圾堆放',
        '设施损坏',
        '不文明行为',
        '其他',
      ])
      expect(res.body.items.every((c: { active: boolean }) => c.active)).toBe(true)
    })

    test('when the office adds, renames and deactivates a category, then residents stop seeing it; the office still can with all=1', async () => {
      const created = await post(t, w.office.id, '/api/categories', { name: '违章搭建', deadlineDays: 14, sortOrder: 7 })
      expect(created.status).toBe(201)
      expect(created.body).toMatchObject({ name: '违章搭建', deadlineDays: 14, active: true })
      const taken = await post(t, w.office.id, '/api/categories', { name: '违章搭建' })
      expect([taken.status, taken.body.error.code]).toEqual([409, 'category_name_taken'])

      const patch = async (body: Record<string, unknown>, id = created.body.id) =>
        t.http.patch(`/api/categories/${id}`).set('Authorization', await bearer(t, w.office.id)).send(body)
      expect((await patch({ name: '私搭乱建' })).body.name).toBe('私搭乱建')
      expect((await patch({ deadlineDays: 0 })).status).toBe(400)
      expect((await patch({ active: false })).body.active).toBe(false)
      expect((await patch({ active: false }, 999_999)).body.error.code).toBe('category_not_found')

      const resident = await get(t, w.resident.id, '/api/categories?all=1')
      const office = await get(t, w.office.id, '/api/categories?all=1')
      expect(resident.body.items.map((c: { id: number }) => c.id)).not.toContain(created.body.id)
      expect(office.body.items.find((c: { id: number }) => c.id === created.body.id)).toMatchObject({ active: false })
    })

    test('when a volunteer tries to manage categories, then 403', async () => {
      const volunteer = await makeUser(t.db.prisma)
      expect((await post(t, volunteer.id, '/api/categories', { name: '测试' })).status).toBe(403)
    })
  })
})
