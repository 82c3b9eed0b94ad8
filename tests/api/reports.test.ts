/**
 * 随手拍 and 整改: submitting a report, the whole flow with its history, and the state machine
 * (every allowed step from every state, every refused one → 409 report_invalid_transition with
 * nothing written).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type TestApp, createTestApp } from '../helpers/app'
import { makeUser } from '../helpers/factories'
import {
  ASSIGN,
  type ReportWorld,
  categoryId,
  get,
  post,
  randomImage,
  reportBody,
  reportIn,
  reportTables,
  reportWorld,
  submitReport,
  upload,
  uploadIds,
} from '../helpers/reports'

describe('reports', () => {
  let t: TestApp
  let dir: string
  let w: ReportWorld

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-reports-'))
    t = await createTestApp({ UPLOAD_DIR: dir, REPORTS_PER_DAY: '1000', REPORT_POINTS: '5' })
    w = await reportWorld(t.db.prisma)
  })
  afterAll(async () => {
    await t.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  const submit = async (userId: number, body: Record<string, unknown>) => post(t, userId, '/api/reports', body)

  // ------------------------------------------------------------------ submitting

  describe('submitting', () => {
    test('when a resident submits with two photos, then 201: submitted, the photos in order, one history event', async () => {
      const ids = await uploadIds(t, w.resident.id, 2)

      const res = await submit(w.resident.id, reportBody(w, await categoryId(t.db.prisma), ids))

      expect(res.status).toBe(201)
      expect(res.body).toMatchObject({
        status: 'submitted',
        category: { name: '垃圾堆放' },
        community: { id: w.community.id },
        unit: null,
        deadline: null,
        overdue: false,
        reporter: null,
        actions: [],
      })
      expect(res.body.photos.before.map((p: { uploadId: string }) => p.uploadId)).toEqual(ids)
      expect(res.body.photos.after).toEqual([])
      expect(res.body.history).toEqual([
        expect.objectContaining({ kind: 'submitted', fromStatus: null, toStatus: 'submitted', actor: { role: 'reporter', name: null } }),
      ])
      const photos = await t.db.prisma.reportPhoto.findMany({ where: { reportId: res.body.id }, orderBy: { position: 'asc' } })
      expect(photos.map((p) => [p.uploadId, p.kind, p.eventId])).toEqual(ids.map((id) => [id, 'before', res.body.history[0].id]))
    })

    test('when someone else’s upload is used, then 404 upload_not_found and nothing is written', async () => {
      const [theirs] = await uploadIds(t, w.neighbour.id)
      const before = await reportTables(t.db.prisma)

      const res = await submit(w.resident.id, reportBody(w, await categoryId(t.db.prisma), [theirs]))

      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('upload_not_found')
      expect(await reportTables(t.db.prisma)).toEqual(before)
    })

    test('when an upload is already attached to a report, then 409 upload_already_used and nothing is written', async () => {
      const first = await submitReport(t, w)
      const used = first.body.photos.before[0].uploadId
      const before = await reportTables(t.db.prisma)

      const res = await submit(w.resident.id, reportBody(w, await categoryId(t.db.prisma), [used]))

      expect(res.status).toBe(409)
      expect(res.body.error.code).toBe('upload_already_used')
      expect(await reportTables(t.db.prisma)).toEqual(before)
    })

    test('when seven photos or none are sent, then 400 validation_failed on uploadIds', async () => {
      const seven = await uploadIds(t, w.resident.id, 7)
      for (const ids of [seven, []]) {
        const res = await submit(w.resident.id, reportBody(w, await categoryId(t.db.prisma), ids))
        expect(res.status).toBe(400)
        expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain('body.uploadIds')
      }
    })

    test('when the category is unknown or deactivated, or the community unknown, then 404/409 and nothing is written', async () => {
      const inactive = await t.db.prisma.reportCategory.create({ data: { name: `停用分类${Date.now() % 1000}`, active: false } })
      const [id] = await uploadIds(t, w.resident.id)
      const before = await reportTables(t.db.prisma)

      const unknownCategory = await submit(w.resident.id, reportBody(w, 999_999, [id]))
      const deactivated = await submit(w.resident.id, reportBody(w, inactive.id, [id]))
      const unknownCommunity = await submit(w.resident.id, reportBody(w, await categoryId(t.db.prisma), [id], { communityId: 999_999 }))

      expect([unknownCategory.status, unknownCategory.body.error.code]).toEqual([404, 'category_not_found'])
      expect([deactivated.status, deactivated.body.error.code]).toEqual([409, 'category_inactive'])
      expect([unknownCommunity.status, unknownCommunity.body.error.code]).toEqual([404, 'community_not_found'])
      expect(await reportTables(t.db.prisma)).toEqual(before)
    })

    test('when the same photo bytes were reported today, then 409 report_duplicate_photo; a day later they are accepted', async () => {
      const bytes = await randomImage()
      const first = (await upload(t, w.resident.id, bytes)).body.uploadId
      const second = (await upload(t, w.neighbour.id, bytes)).body.uploadId
      const cat = await categoryId(t.db.prisma)
      const ok = await submit(w.resident.id, reportBody(w, cat, [first]))
      expect(ok.status).toBe(201)
      const before = await reportTables(t.db.prisma)

      const again = await submit(w.neighbour.id, reportBody(w, cat, [second]))

      expect(again.status).toBe(409)
      expect(again.body.error.code).toBe('report_duplicate_photo')
      expect(await reportTables(t.db.prisma)).toEqual(before)

      // the first report moves to yesterday (China time): the same bytes are new today
      await t.db.prisma.report.update({ where: { id: ok.body.id }, data: { createdAt: new Date(Date.now() - 86_400_000 - 60_000) } })
      expect((await submit(w.neighbour.id, reportBody(w, cat, [second]))).status).toBe(201)
    })

    test('when the same photo appears twice in one submission, then 409 report_duplicate_photo', async () => {
      const bytes = await randomImage()
      const a = (await upload(t, w.resident.id, bytes)).body.uploadId
      const b = (await upload(t, w.resident.id, bytes)).body.uploadId

      const res = await submit(w.resident.id, reportBody(w, await categoryId(t.db.prisma), [a, b]))

      expect(res.status).toBe(409)
      expect(res.body.error.code).toBe('report_duplicate_photo')
    })
  })

  // ------------------------------------------------------------------ the flow and its history

  describe('the whole flow', () => {
    test('when a report is assigned, accepted, rectified, sent back with a new deadline, rectified again and closed, then the history keeps every step and the reporter is credited once', async () => {
      const id: number = (await submitReport(t, w)).body.id
      const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
      const later = new Date(Date.now() + 8 * 3_600_000 + 10 * 86_400_000).toISOString().slice(0, 10)

      const assigned = await post(t, w.office.id, `/api/reports/${id}/triage`, { ...ASSIGN, unitId: w.unitA.id, deadline: today })
      expect(assigned.status).toBe(200)
      expect(assigned.body).toMatchObject({ status: 'assigned', unit: { id: w.unitA.id }, instruction: ASSIGN.instruction })
      const firstDeadline = assigned.body.deadline
      expect(firstDeadline).toBe(new Date(Date.parse(`${today}T23:59:59.999+08:00`)).toISOString())

      expect((await get(t, w.organiserA.id, `/api/reports/${id}`)).body.actions).toEqual(['accept'])
      expect((await post(t, w.organiserA.id, `/api/reports/${id}/accept`)).body.status).toBe('accepted')
      const round1 = await uploadIds(t, w.organiserA.id, 2)
      const rectified = await post(t, w.organiserA.id, `/api/reports/${id}/rectify`, { note: '已清理', uploadIds: round1 })
      expect(rectified.body).toMatchObject({ status: 'rectified', late: false })
      expect(rectified.body.rectifiedAt).not.toBeNull()

      const back = await post(t, w.office.id, `/api/reports/${id}/verify`, { action: 'send_back', reason: '仍有垃圾残留', newDeadline: later })
      expect(back.body).toMatchObject({ status: 'accepted', reason: '仍有垃圾残留' })
      expect(back.body.deadline).toBe(new Date(Date.parse(`${later}T23:59:59.999+08:00`)).toISOString())

      const round2 = await uploadIds(t, w.organiserA.id)
      await post(t, w.organiserA.id, `/api/reports/${id}/rectify`, { note: '残留已清除', uploadIds: round2 })
      const points = await t.db.prisma.pointsEntry.count()
      const closed = await post(t, w.office.id, `/api/reports/${id}/verify`, { action: 'close', note: '整改到位' })

      expect(closed.status).toBe(200)
      expect(closed.body).toMatchObject({ status: 'closed', actions: [] })
      expect(closed.body.closedAt).not.toBeNull()
      const h = closed.body.history
      expect(h.map((e: { kind: string; fromStatus: string; toStatus: string }) => [e.kind, e.fromStatus, e.toStatus])).toEqual([
        ['submitted', null, 'submitted'],
        ['assigned', 'submitted', 'assigned'],
        ['accepted', 'assigned', 'accepted'],
        ['rectified', 'accepted', 'rectified'],
        ['sent_back', 'rectified', 'accepted'],
        ['rectified', 'accepted', 'rectified'],
        ['closed', 'rectified', 'closed'],
      ])
      // both deadlines stay in the history, with the reason and the notes
      expect(h[1]).toMatchObject({ deadline: firstDeadline, note: ASSIGN.instruction, unit: { id: w.unitA.id }, actor: { role: 'office', name: '文明办小王' } })
      expect(h[4]).toMatchObject({ deadline: back.body.deadline, note: '仍有垃圾残留' })
      expect(h[2].actor).toEqual({ role: 'unit', name: '甲单位老李' })
      // after-photos of both rounds, each tied to its rectification
      expect(closed.body.photos.after.map((p: { uploadId: string; eventId: number }) => [p.uploadId, p.eventId])).toEqual([
        [round1[0], h[3].id],
        [round1[1], h[3].id],
        [round2[0], h[5].id],
      ])
      // the ledger: one entry for the reporter
      expect(await t.db.prisma.pointsEntry.count()).toBe(points + 1)
      const entry = await t.db.prisma.pointsEntry.findUniqueOrThrow({ where: { dedupeKey: `report:${id}:accepted` } })
      expect(entry).toMatchObject({ userId: w.resident.id, amount: 5, sourceType: 'report', sourceId: String(id), actorId: w.office.id })
      expect((await t.db.prisma.report.findUniqueOrThrow({ where: { id } })).version).toBe(6)
    })

    test('when the office marks a report as a duplicate of another, then it points at the original; a duplicate of itself or of a rejected one is refused', async () => {
      const original: number = (await submitReport(t, w)).body.id
      const rejected = await reportIn(t, w, 'rejected')
      const id: number = (await submitReport(t, w, w.neighbour.id)).body.id

      const self = await post(t, w.office.id, `/api/reports/${id}/triage`, { action: 'duplicate', duplicateOfId: id })
      const ofRejected = await post(t, w.office.id, `/api/reports/${id}/triage`, { action: 'duplicate', duplicateOfId: rejected })
      const ok = await post(t, w.office.id, `/api/reports/${id}/triage`, { action: 'duplicate', duplicateOfId: original })

      expect([self.status, self.body.error.code]).toEqual([400, 'report_duplicate_of_invalid'])
      expect([ofRejected.status, ofRejected.body.error.code]).toEqual([400, 'report_duplicate_of_invalid'])
      expect(ok.body).toMatchObject({ status: 'duplicate', duplicateOfId: original })
    })

    test('when the reporter looks at a rejected report, then the reason shows', async () => {
      const id = await reportIn(t, w, 'rejected')

      const res = await get(t, w.resident.id, `/api/reports/${id}`)

      expect(res.body).toMatchObject({ status: 'rejected', reason: '不属于城市管理范围' })
    })

    test('when the office assigns to an unknown unit or with a past deadline, then 404 / 400 and nothing is written', async () => {
      const id: number = (await submitReport(t, w)).body.id
      const before = await reportTables(t.db.prisma)

      const noUnit = await post(t, w.office.id, `/api/reports/${id}/triage`, { ...ASSIGN, unitId: 999_999 })
      const past = await post(t, w.office.id, `/api/reports/${id}/triage`, { ...ASSIGN, unitId: w.unitA.id, deadline: '2020-01-01' })

      expect([noUnit.status, noUnit.body.error.code]).toEqual([404, 'unit_not_found'])
      expect([past.status, past.body.error.code]).toEqual([400, 'report_deadline_in_past'])
      expect(await reportTables(t.db.prisma)).toEqual(before)
    })

    test('when the unit offers the resident’s own photo as the after-photo, then 409 report_duplicate_photo', async () => {
      const bytes = await randomImage()
      const mine = (await upload(t, w.resident.id, bytes)).body.uploadId
      const id: number = (await submit(w.resident.id, reportBody(w, await categoryId(t.db.prisma), [mine]))).body.id
      await post(t, w.office.id, `/api/reports/${id}/triage`, { ...ASSIGN, unitId: w.unitA.id })
      await post(t, w.organiserA.id, `/api/reports/${id}/accept`)
      const copy = (await upload(t, w.organiserA.id, bytes)).body.uploadId

      const res = await post(t, w.organiserA.id, `/api/reports/${id}/rectify`, { note: '已整改', uploadIds: [copy] })

      expect(res.status).toBe(409)
      expect(res.body.error.code).toBe('report_duplicate_photo')
    })

    test('when REPORT_POINTS is 0, then closing credits nothing', async () => {
      const zero = await createTestApp({ UPLOAD_DIR: dir, REPORT_POINTS: '0' })
      try {
        const w0 = await reportWorld(zero.db.prisma)
        const id = await reportIn(zero, w0, 'closed')
        expect((await zero.db.prisma.report.findUniqueOrThrow({ where: { id } })).status).toBe('closed')
        expect(await zero.db.prisma.pointsEntry.count()).toBe(0)
      } finally {
        await zero.close()
      }
    })
  })

  // ------------------------------------------------------------------ the state machine

  describe('the state machine', () => {
    const STATUSES = ['submitted', 'rejected', 'duplicate', 'assigned', 'accepted', 'rectified', 'closed'] as const
    type Act = 'reject' | 'duplicate' | 'assign' | 'accept' | 'rectify' | 'close' | 'send_back'
    const ACTS: Act[] = ['reject', 'duplicate', 'assign', 'accept', 'rectify', 'close', 'send_back']
    /** the only allowed steps, and where they lead */
    const ALLOWED: Record<string, Partial<Record<Act, string>>> = {
      submitted: { reject: 'rejected', duplicate: 'duplicate', assign: 'assigned' },
      assigned: { accept: 'accepted' },
      accepted: { rectify: 'rectified' },
      rectified: { close: 'closed', send_back: 'accepted' },
    }
    let original: number
    beforeAll(async () => {
      original = (await submitReport(t, w, w.neighbour.id)).body.id
    })

    async function perform(act: Act, id: number) {
      switch (act) {
        case 'reject':
          return post(t, w.office.id, `/api/reports/${id}/triage`, { action: 'reject', reason: '重复投诉' })
        case 'duplicate':
          return post(t, w.office.id, `/api/reports/${id}/triage`, { action: 'duplicate', duplicateOfId: original })
        case 'assign':
          return post(t, w.office.id, `/api/reports/${id}/triage`, { ...ASSIGN, unitId: w.unitA.id })
        case 'accept':
          return post(t, w.organiserA.id, `/api/reports/${id}/accept`)
        case 'rectify':
          throw new Error('rectify needs its uploads first')
        case 'close':
          return post(t, w.office.id, `/api/reports/${id}/verify`, { action: 'close' })
        case 'send_back':
          return post(t, w.office.id, `/api/reports/${id}/verify`, { action: 'send_back', reason: '不合格' })
      }
    }

    const cases = STATUSES.flatMap((s) => ACTS.map((a) => [s, a, ALLOWED[s]?.[a] ?? null] as const))
    /** a report never assigned is not the unit's to see: its organisers get 404, not 409 */
    const unassigned = (status: string) => ['submitted', 'rejected', 'duplicate'].includes(status)

    test.each(cases)('from %s, %s → %s (null: refused and nothing changes)', async (status, act, to) => {
      const id = await reportIn(t, w, status)
      // the after-photos are uploaded before the snapshot: the step itself must write nothing when refused
      const after = act === 'rectify' ? await uploadIds(t, w.organiserA.id) : []
      const tables = await reportTables(t.db.prisma)
      const row = await t.db.prisma.report.findUniqueOrThrow({ where: { id } })

      const res =
        act === 'rectify'
          ? await post(t, w.organiserA.id, `/api/reports/${id}/rectify`, { note: '已整改', uploadIds: after })
          : await perform(act, id)

      if (to) {
        expect(res.status).toBe(200)
        expect(res.body.status).toBe(to)
        const now = await t.db.prisma.report.findUniqueOrThrow({ where: { id } })
        expect(now.version).toBe(row.version + 1)
        expect(await t.db.prisma.reportEvent.count()).toBe(tables.events + 1)
      } else {
        const unitStep = act === 'accept' || act === 'rectify'
        expect([res.status, res.body.error.code]).toEqual(
          unitStep && unassigned(status) ? [404, 'report_not_found'] : [409, 'report_invalid_transition'],
        )
        expect(await reportTables(t.db.prisma)).toEqual(tables)
        expect(await t.db.prisma.report.findUniqueOrThrow({ where: { id } })).toEqual(row)
      }
    })

    test('when the history is edited or deleted in the database, then the database refuses (append-only)', async () => {
      const id = await reportIn(t, w, 'submitted')
      const event = await t.db.prisma.reportEvent.findFirstOrThrow({ where: { reportId: id } })

      await expect(t.db.prisma.reportEvent.update({ where: { id: event.id }, data: { note: 'changed' } })).rejects.toThrow()
      await expect(t.db.prisma.reportEvent.delete({ where: { id: event.id } })).rejects.toThrow()
      expect(await t.db.prisma.reportEvent.findUniqueOrThrow({ where: { id: event.id } })).toEqual(event)
    })
  })

  test('when a user with no role asks for someone’s report by id, then 404 as if it did not exist', async () => {
    const stranger = await makeUser(t.db.prisma)
    const id = await reportIn(t, w, 'submitted')

    const res = await get(t, stranger.id, `/api/reports/${id}`)

    expect(res.status).toBe(404)
    expect(res.body.error.code).toBe('report_not_found')
  })
})
