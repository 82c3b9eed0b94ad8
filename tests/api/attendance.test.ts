/**
 * The organisers' side of attendance: records added by hand (reason required, recorder and an
 * audit event kept, pending until another organiser of the activity or the office approves),
 * approvals and rejections (concurrent approvals credit once), the pending list, corrections of
 * credited records (a reversing entry and a new credit, never an edit), closing a check-in
 * without check-out by hand, no-shows and the closing of ended activities.
 */
import { type TestApp, createTestApp } from '../helpers/app'
import { makeVolunteers } from '../helpers/activities'
import { SITE, confirm, ledgerConsistent, runningActivity, tokenFor } from '../helpers/checkin'
import { makeUnit, makeUser } from '../helpers/factories'
import { closeEnded } from '../../server/src/modules/attendance/manage'

const HOUR = 3_600_000
const plus = (d: Date, hours: number) => new Date(d.getTime() + hours * HOUR)

describe('attendance by hand, approvals, corrections and no-shows', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(async () => {
    expect(await ledgerConsistent(t.db.prisma)).toBe(true)
    await t.close()
  })

  const bearer = async (userId: number) => `Bearer ${await t.tokenFor(userId)}`
  const volunteer = async () => (await makeVolunteers(t.db.prisma, 1))[0]
  const tally = async () => ({
    attendance: await t.db.prisma.attendance.count(),
    events: await t.db.prisma.attendanceEvent.count(),
    points: await t.db.prisma.pointsEntry.count(),
  })
  const ledgerOf = (userId: number) =>
    t.db.prisma.pointsEntry.findMany({ where: { userId }, orderBy: { id: 'asc' } })
  const balanceOf = async (userId: number) =>
    (await t.db.prisma.pointsEntry.aggregate({ where: { userId }, _sum: { amount: true } }))._sum.amount ?? 0

  /**
   * An activity (by default started 5 h ago, 3 h long: ended), two organisers of its unit (one
   * records, the other approves) and a volunteer.
   */
  async function world(startedHoursAgo = 5, durationHours = 3) {
    const activity = await runningActivity(t.db.prisma, startedHoursAgo, durationHours)
    const recorder = await makeUser(t.db.prisma, { organiserOfUnit: activity.organiserUnitId!, realName: '李记录' })
    const approver = await makeUser(t.db.prisma, { organiserOfUnit: activity.organiserUnitId!, realName: '王审核' })
    const person = await volunteer()
    return { activity, recorder, approver, person }
  }
  const record = async (activityId: number, byId: number, body: Record<string, unknown>) =>
    t.http
      .post(`/api/activities/${activityId}/attendance`)
      .set('Authorization', await bearer(byId))
      .send(body)
  /** A whole-activity record for `hours` from the start, with a reason. */
  const byHand = (a: { startAt: Date }, userId: number, hours: number | null, reason = '手机没电，现场登记') => ({
    userId,
    checkInAt: a.startAt.toISOString(),
    ...(hours == null ? {} : { checkOutAt: plus(a.startAt, hours).toISOString() }),
    reason,
  })
  const approve = async (attendanceId: number, byId: number) =>
    t.http.post(`/api/attendance/${attendanceId}/approve`).set('Authorization', await bearer(byId))
  const reject = async (attendanceId: number, byId: number, reason?: string) =>
    t.http
      .post(`/api/attendance/${attendanceId}/reject`)
      .set('Authorization', await bearer(byId))
      .send(reason ? { reason } : {})
  const pending = async (byId: number) =>
    (await t.http.get('/api/attendance/pending').set('Authorization', await bearer(byId))).body.items.map((i: { id: number }) => i.id)

  // ------------------------------------------------------------------ recording by hand

  describe('recording by hand', () => {
    test('when an organiser records without a reason, then 400 validation_failed on reason and nothing is written', async () => {
      const w = await world()
      const { reason: _omitted, ...body } = byHand(w.activity, w.person.id, 2)
      const before = await tally()

      const res = await record(w.activity.id, w.recorder.id, body)

      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain('body.reason')
      expect(await tally()).toEqual(before)
    })

    test('when the reason is only spaces, then 400 validation_failed and nothing is written', async () => {
      const w = await world()
      const before = await tally()

      const res = await record(w.activity.id, w.recorder.id, byHand(w.activity, w.person.id, 2, '   '))

      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
      expect(await tally()).toEqual(before)
    })

    test('when the check-out is before the check-in, then 400 validation_failed and nothing is written', async () => {
      const w = await world()
      const before = await tally()

      const res = await record(w.activity.id, w.recorder.id, { ...byHand(w.activity, w.person.id, 2), checkOutAt: plus(w.activity.startAt, -1).toISOString() })

      expect(res.status).toBe(400)
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain('body.checkOutAt')
      expect(await tally()).toEqual(before)
    })

    test('when an organiser records a person with a reason, then 201 pending, the recorder kept, a manual event with the reason, and no points', async () => {
      const w = await world()

      const res = await record(w.activity.id, w.recorder.id, byHand(w.activity, w.person.id, 2, '老人不会用手机，组织者代为登记'))

      expect(res.status).toBe(201)
      expect(res.body).toMatchObject({
        activity: { id: w.activity.id },
        user: { id: w.person.id },
        source: 'manual',
        status: 'pending',
        checkInAt: w.activity.startAt.toISOString(),
        checkOutAt: plus(w.activity.startAt, 2).toISOString(),
        hours: 2,
        points: 0,
        reason: '老人不会用手机，组织者代为登记',
        recordedBy: { id: w.recorder.id, name: '李记录' },
        approvedBy: null,
      })
      const events = await t.db.prisma.attendanceEvent.findMany({ where: { attendanceId: res.body.id } })
      expect(events.map((e) => [e.kind, e.actorId, e.reason, e.hours?.toNumber()])).toEqual([
        ['manual', w.recorder.id, '老人不会用手机，组织者代为登记', 2],
      ])
      expect(await ledgerOf(w.person.id)).toEqual([])
    })

    test('when the hours by hand exceed the activity, then only the time within it counts, capped by the type', async () => {
      const w = await world(8, 6)

      const res = await record(w.activity.id, w.recorder.id, {
        ...byHand(w.activity, w.person.id, 6),
        checkInAt: plus(w.activity.startAt, -1).toISOString(),
      })

      expect(res.status).toBe(201)
      // 6 h inside the window, the factory type credits at most 4 h per activity
      expect(res.body.hours).toBe(4)
    })

    test('when a volunteer records attendance, then 403 forbidden and nothing is written', async () => {
      const w = await world()
      const before = await tally()

      const res = await record(w.activity.id, w.person.id, byHand(w.activity, w.person.id, 2))

      expect(res.status).toBe(403)
      expect(await tally()).toEqual(before)
    })

    test('when an organiser of another unit records attendance, then 403 forbidden and nothing is written', async () => {
      const w = await world()
      const other = await makeUser(t.db.prisma, { organiserOfUnit: (await makeUnit(t.db.prisma)).id })
      const before = await tally()

      const res = await record(w.activity.id, other.id, byHand(w.activity, w.person.id, 2))

      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('forbidden')
      expect(await tally()).toEqual(before)
    })

    test('when the activity was cancelled, then 409 activity_cancelled and nothing is written', async () => {
      const w = await world()
      await t.db.prisma.activity.update({ where: { id: w.activity.id }, data: { status: 'cancelled' } })
      const before = await tally()

      const res = await record(w.activity.id, w.recorder.id, byHand(w.activity, w.person.id, 2))

      expect(res.status).toBe(409)
      expect(res.body.error.code).toBe('activity_cancelled')
      expect(await tally()).toEqual(before)
    })

    test('when the person does not exist, then 404 user_not_found and nothing is written', async () => {
      const w = await world()
      const before = await tally()

      const res = await record(w.activity.id, w.recorder.id, byHand(w.activity, 2_000_000_000, 2))

      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('user_not_found')
      expect(await tally()).toEqual(before)
    })
  })

  describe('GET /api/activities/:id/attendance', () => {
    test('when an organiser of the activity lists its attendance, then every record with its status, and phones masked', async () => {
      const w = await world()
      const withPhone = await makeUser(t.db.prisma, { phone: '13912345678' })
      const manual = (await record(w.activity.id, w.recorder.id, byHand(w.activity, withPhone.id, 2))).body.id
      const scanned = await t.db.prisma.attendance.create({
        data: { activityId: w.activity.id, userId: w.person.id, source: 'scan', status: 'approved', checkInAt: w.activity.startAt },
      })

      const res = await t.http.get(`/api/activities/${w.activity.id}/attendance`).set('Authorization', await bearer(w.approver.id))

      expect(res.status).toBe(200)
      expect(res.body.total).toBe(2)
      expect(res.body.items.map((i: { id: number; status: string }) => [i.id, i.status])).toEqual([
        [manual, 'pending'],
        [scanned.id, 'approved'],
      ])
      expect(res.body.items[0].user.phone).toBe('139****5678')
    })

    test.each([
      ['a volunteer', false],
      ['an organiser of another unit', true],
    ])('when %s lists an activity’s attendance, then 403 and no records', async (_who, organiser) => {
      const w = await world()
      await record(w.activity.id, w.recorder.id, byHand(w.activity, w.person.id, 2))
      const caller = organiser ? await makeUser(t.db.prisma, { organiserOfUnit: (await makeUnit(t.db.prisma)).id }) : await volunteer()

      const res = await t.http.get(`/api/activities/${w.activity.id}/attendance`).set('Authorization', await bearer(caller.id))

      expect(res.status).toBe(403)
      expect(res.body.items).toBeUndefined()
    })
  })

  // ------------------------------------------------------------------ approving and rejecting

  describe('approving and rejecting', () => {
    test('when the recorder approves their own record, then 403 approval_by_recorder and it stays pending without points', async () => {
      const w = await world()
      const id = (await record(w.activity.id, w.recorder.id, byHand(w.activity, w.person.id, 2))).body.id

      const res = await approve(id, w.recorder.id)

      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('approval_by_recorder')
      expect((await t.db.prisma.attendance.findUniqueOrThrow({ where: { id } })).status).toBe('pending')
      expect(await ledgerOf(w.person.id)).toEqual([])
    })

    test('when another organiser of the activity approves, then approved, approver recorded, and the points credited once', async () => {
      const w = await world()
      const id = (await record(w.activity.id, w.recorder.id, byHand(w.activity, w.person.id, 2))).body.id

      const res = await approve(id, w.approver.id)

      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ id, status: 'approved', hours: 2, points: 20, approvedBy: { id: w.approver.id, name: '王审核' } })
      const entries = await ledgerOf(w.person.id)
      expect(entries.map((e) => [e.amount, e.sourceType, e.sourceId, e.actorId])).toEqual([[20, 'attendance', String(id), w.approver.id]])
      const events = await t.db.prisma.attendanceEvent.findMany({ where: { attendanceId: id }, orderBy: { id: 'asc' } })
      expect(events.map((e) => [e.kind, e.actorId])).toEqual([
        ['manual', w.recorder.id],
        ['approved', w.approver.id],
      ])
    })

    test('when the office approves, then approved and credited', async () => {
      const w = await world()
      const office = await makeUser(t.db.prisma, { office: true })
      const id = (await record(w.activity.id, w.recorder.id, byHand(w.activity, w.person.id, 1.5))).body.id

      const res = await approve(id, office.id)

      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ status: 'approved', points: 15 })
      expect(await balanceOf(w.person.id)).toBe(15)
    })

    test('when an organiser of another unit approves, then 404 attendance_not_found and it stays pending', async () => {
      const w = await world()
      const other = await makeUser(t.db.prisma, { organiserOfUnit: (await makeUnit(t.db.prisma)).id })
      const id = (await record(w.activity.id, w.recorder.id, byHand(w.activity, w.person.id, 2))).body.id

      const res = await approve(id, other.id)

      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('attendance_not_found')
      expect((await t.db.prisma.attendance.findUniqueOrThrow({ where: { id } })).status).toBe('pending')
      expect(await ledgerOf(w.person.id)).toEqual([])
    })

    test('when a volunteer approves, then 403 and it stays pending', async () => {
      const w = await world()
      const id = (await record(w.activity.id, w.recorder.id, byHand(w.activity, w.person.id, 2))).body.id

      const res = await approve(id, w.person.id)

      expect(res.status).toBe(403)
      expect((await t.db.prisma.attendance.findUniqueOrThrow({ where: { id } })).status).toBe('pending')
    })

    test('when two organisers approve the same record at once, then one 200, the other 409 attendance_not_pending, and one ledger entry', async () => {
      const w = await world()
      const second = await makeUser(t.db.prisma, { organiserOfUnit: w.activity.organiserUnitId! })
      const id = (await record(w.activity.id, w.recorder.id, byHand(w.activity, w.person.id, 2))).body.id

      const responses = await Promise.all([approve(id, w.approver.id), approve(id, second.id)])

      expect(responses.map((r) => r.status).sort()).toEqual([200, 409])
      expect(responses.find((r) => r.status === 409)!.body.error.code).toBe('attendance_not_pending')
      expect((await ledgerOf(w.person.id)).map((e) => e.amount)).toEqual([20])
      expect(await t.db.prisma.attendanceEvent.count({ where: { attendanceId: id, kind: 'approved' } })).toBe(1)
    })

    test('when one organiser sends the approval ten times at once, then exactly one succeeds and the points are credited once', async () => {
      const w = await world()
      const id = (await record(w.activity.id, w.recorder.id, byHand(w.activity, w.person.id, 3))).body.id

      const responses = await Promise.all(Array.from({ length: 10 }, () => approve(id, w.approver.id)))

      expect(responses.filter((r) => r.status === 200)).toHaveLength(1)
      expect(responses.filter((r) => r.status === 409 && r.body.error.code === 'attendance_not_pending')).toHaveLength(9)
      expect((await ledgerOf(w.person.id)).map((e) => e.amount)).toEqual([30])
    })

    test('when a record is rejected, then rejected with the reason in its event, no points, and it cannot be approved afterwards', async () => {
      const w = await world()
      const id = (await record(w.activity.id, w.recorder.id, byHand(w.activity, w.person.id, 2))).body.id

      const res = await reject(id, w.approver.id, '现场无人见到')
      const late = await approve(id, w.approver.id)

      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ id, status: 'rejected', points: 0, approvedBy: { id: w.approver.id } })
      const event = await t.db.prisma.attendanceEvent.findFirstOrThrow({ where: { attendanceId: id, kind: 'rejected' } })
      expect([event.actorId, event.reason]).toEqual([w.approver.id, '现场无人见到'])
      expect(late.status).toBe(409)
      expect(late.body.error.code).toBe('attendance_not_pending')
      expect(await ledgerOf(w.person.id)).toEqual([])
    })

    test('when the recorder rejects their own record, then 403 approval_by_recorder and it stays pending', async () => {
      const w = await world()
      const id = (await record(w.activity.id, w.recorder.id, byHand(w.activity, w.person.id, 2))).body.id

      const res = await reject(id, w.recorder.id)

      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('approval_by_recorder')
      expect((await t.db.prisma.attendance.findUniqueOrThrow({ where: { id } })).status).toBe('pending')
    })

    test('when the pending list is read, then each caller sees only the records they may approve', async () => {
      const w = await world()
      const other = await makeUser(t.db.prisma, { organiserOfUnit: (await makeUnit(t.db.prisma)).id })
      const office = await makeUser(t.db.prisma, { office: true })
      const manual = (await record(w.activity.id, w.recorder.id, byHand(w.activity, w.person.id, 2))).body.id
      // a walk-in nobody recorded by hand
      const walkIn = await t.db.prisma.attendance.create({
        data: { activityId: w.activity.id, userId: (await volunteer()).id, source: 'walk_in', status: 'pending', checkInAt: w.activity.startAt },
      })
      const decided = (await record(w.activity.id, w.recorder.id, byHand(w.activity, (await volunteer()).id, 2))).body.id
      expect((await approve(decided, w.approver.id)).status).toBe(200)

      const forRecorder = await pending(w.recorder.id)
      const forApprover = await pending(w.approver.id)
      const forOther = await pending(other.id)
      const forOffice = await pending(office.id)

      expect(forRecorder).toContain(walkIn.id)
      expect(forRecorder).not.toContain(manual)
      expect(forApprover).toEqual(expect.arrayContaining([manual, walkIn.id]))
      expect(forApprover).not.toContain(decided)
      expect(forOther).not.toContain(manual)
      expect(forOther).not.toContain(walkIn.id)
      expect(forOffice).toEqual(expect.arrayContaining([manual, walkIn.id]))
      expect(forOffice).not.toContain(decided)
    })

    test('when an organiser approves their own walk-in, then 403 approval_by_recorder, it stays pending and is not in their pending list', async () => {
      const w = await world(2, 3)
      await t.db.prisma.activity.update({ where: { id: w.activity.id }, data: { allowWalkIn: true } })
      const scanned = await t.http
        .post('/api/attendance/scan')
        .set('Authorization', await bearer(w.approver.id))
        .send({ token: tokenFor(t, w.activity.id, 'in'), ...SITE })
      expect(scanned.body.attendance).toMatchObject({ source: 'walk_in', status: 'pending' })
      const id = scanned.body.attendance.id

      const res = await approve(id, w.approver.id)

      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('approval_by_recorder')
      expect((await t.db.prisma.attendance.findUniqueOrThrow({ where: { id } })).status).toBe('pending')
      expect(await pending(w.approver.id)).not.toContain(id)
      expect(await pending(w.recorder.id)).toContain(id)
    })

    test('when an organiser approves a record of their own hours made by a colleague, then 403 approval_by_recorder and no points', async () => {
      const w = await world()
      const id = (await record(w.activity.id, w.recorder.id, byHand(w.activity, w.approver.id, 2))).body.id

      const res = await approve(id, w.approver.id)

      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('approval_by_recorder')
      expect(await ledgerOf(w.approver.id)).toEqual([])
    })

    test('when a volunteer reads the pending list, then 403', async () => {
      const res = await t.http.get('/api/attendance/pending').set('Authorization', await bearer((await volunteer()).id))

      expect(res.status).toBe(403)
    })
  })

  // ------------------------------------------------------------------ corrections

  describe('corrections', () => {
    /** A running activity the person checked into at the start and out of now: 2 h, 20 points. */
    async function credited() {
      const w = await world(2, 3)
      await confirm(t.db.prisma, w.activity.id, [w.person.id])
      const scan = async (mode: 'in' | 'out') =>
        t.http
          .post('/api/attendance/scan')
          .set('Authorization', await bearer(w.person.id))
          .send({ token: tokenFor(t, w.activity.id, mode), ...SITE })
      const id = (await scan('in')).body.attendance.id
      await t.db.prisma.attendance.update({ where: { id }, data: { checkInAt: w.activity.startAt } })
      expect((await scan('out')).body.attendance).toMatchObject({ hours: 2, points: 20 })
      return { ...w, id }
    }

    test('when a credited record is corrected, then a reversing entry is added, the original entry is untouched, and the new credit follows approval', async () => {
      const w = await credited()
      const [original] = await ledgerOf(w.person.id)

      const corrected = await record(w.activity.id, w.recorder.id, byHand(w.activity, w.person.id, 1, '提前离场，更正签退时间'))

      expect(corrected.status).toBe(201)
      expect(corrected.body).toMatchObject({ id: w.id, status: 'pending', hours: 1, points: 0, recordedBy: { id: w.recorder.id } })
      const afterCorrection = await ledgerOf(w.person.id)
      expect(afterCorrection.map((e) => e.amount)).toEqual([20, -20])
      expect(afterCorrection[0]).toEqual(original)
      expect(afterCorrection[1]).toMatchObject({ sourceType: 'attendance', sourceId: String(w.id), actorId: w.recorder.id })
      expect(await balanceOf(w.person.id)).toBe(0)

      const approved = await approve(w.id, w.approver.id)

      expect(approved.status).toBe(200)
      expect(approved.body).toMatchObject({ status: 'approved', hours: 1, points: 10 })
      const finalLedger = await ledgerOf(w.person.id)
      expect(finalLedger.map((e) => e.amount)).toEqual([20, -20, 10])
      expect(finalLedger.slice(0, 2)).toEqual(afterCorrection)
      expect(await balanceOf(w.person.id)).toBe(10)
      const me = await t.http.get('/api/me/points').set('Authorization', await bearer(w.person.id))
      expect(me.body.balance).toBe(10)
    })

    test('when a record is corrected twice, then every revision is reversed and credited once and the sum is the last amount', async () => {
      const w = await credited()
      await record(w.activity.id, w.recorder.id, byHand(w.activity, w.person.id, 1))
      expect((await approve(w.id, w.approver.id)).status).toBe(200)

      await record(w.activity.id, w.approver.id, byHand(w.activity, w.person.id, 1.5, '核对签到表后再次更正'))
      const res = await approve(w.id, w.recorder.id)

      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ hours: 1.5, points: 15, recordedBy: { id: w.approver.id }, approvedBy: { id: w.recorder.id } })
      expect((await ledgerOf(w.person.id)).map((e) => e.amount)).toEqual([20, -20, 10, -10, 15])
      expect(await balanceOf(w.person.id)).toBe(15)
      const row = await t.db.prisma.attendance.findUniqueOrThrow({ where: { id: w.id } })
      expect([row.revision, row.creditedPoints]).toEqual([2, 15])
    })

    test('when a correction is rejected, then the reversal stands and the balance is 0', async () => {
      const w = await credited()
      await record(w.activity.id, w.recorder.id, byHand(w.activity, w.person.id, 1))

      const res = await reject(w.id, w.approver.id, '更正依据不足')

      expect(res.status).toBe(200)
      expect((await ledgerOf(w.person.id)).map((e) => e.amount)).toEqual([20, -20])
      expect(await balanceOf(w.person.id)).toBe(0)
    })

    test('when a check-in without check-out is closed by hand, then after approval it earns its hours', async () => {
      const w = await world(2, 3)
      await confirm(t.db.prisma, w.activity.id, [w.person.id])
      const scanned = await t.http
        .post('/api/attendance/scan')
        .set('Authorization', await bearer(w.person.id))
        .send({ token: tokenFor(t, w.activity.id, 'in'), ...SITE })
      const id = scanned.body.attendance.id
      await t.db.prisma.attendance.update({ where: { id }, data: { checkInAt: w.activity.startAt } })
      expect(scanned.body.attendance).toMatchObject({ hours: 0, points: 0, checkOutAt: null })

      const closed = await record(w.activity.id, w.recorder.id, byHand(w.activity, w.person.id, 2, '忘记签退，组织者补签退'))

      expect(closed.status).toBe(201)
      expect(closed.body).toMatchObject({ id, status: 'pending', hours: 2, points: 0 })
      expect(await ledgerOf(w.person.id)).toEqual([])
      const approved = await approve(id, w.approver.id)
      expect(approved.body).toMatchObject({ status: 'approved', hours: 2, points: 20, checkOutAt: plus(w.activity.startAt, 2).toISOString() })
      expect((await ledgerOf(w.person.id)).map((e) => e.amount)).toEqual([20])
    })
  })

  // ------------------------------------------------------------------ no-shows and closing

  describe('no-shows', () => {
    const markNoShows = async (activityId: number, byId: number) =>
      t.http.post(`/api/activities/${activityId}/no-shows`).set('Authorization', await bearer(byId))

    test('when no-shows are marked before the end, then 409 activity_not_ended and nothing is written', async () => {
      const w = await world(1, 3)
      await confirm(t.db.prisma, w.activity.id, [w.person.id])
      const before = await tally()

      const res = await markNoShows(w.activity.id, w.recorder.id)

      expect(res.status).toBe(409)
      expect(res.body.error.code).toBe('activity_not_ended')
      expect(await tally()).toEqual(before)
    })

    test('when no-shows are marked after the end, then only confirmed sign-ups without attendance become no_show, and a second run marks none', async () => {
      const w = await world(5, 3)
      const [absent1, absent2, present, waiting, cancelled] = await makeVolunteers(t.db.prisma, 5)
      await confirm(t.db.prisma, w.activity.id, [absent1.id, absent2.id, present.id])
      await t.db.prisma.signup.create({ data: { activityId: w.activity.id, userId: waiting.id, status: 'waitlisted', queueSeq: 1n } })
      await t.db.prisma.signup.create({ data: { activityId: w.activity.id, userId: cancelled.id, status: 'cancelled' } })
      await t.db.prisma.attendance.create({
        data: { activityId: w.activity.id, userId: present.id, source: 'scan', status: 'approved', checkInAt: w.activity.startAt },
      })

      const first = await markNoShows(w.activity.id, w.recorder.id)
      const second = await markNoShows(w.activity.id, w.recorder.id)

      expect(first.status).toBe(200)
      expect(first.body).toEqual({ marked: 2 })
      expect(second.body).toEqual({ marked: 0 })
      const rows = await t.db.prisma.attendance.findMany({ where: { activityId: w.activity.id }, orderBy: { userId: 'asc' } })
      expect(rows.map((r) => [r.userId, r.status])).toEqual([
        [absent1.id, 'no_show'],
        [absent2.id, 'no_show'],
        [present.id, 'approved'],
      ])
      const events = await t.db.prisma.attendanceEvent.findMany({ where: { attendance: { activityId: w.activity.id } } })
      expect(events.map((e) => [e.kind, e.actorId])).toEqual([
        ['no_show', w.recorder.id],
        ['no_show', w.recorder.id],
      ])
      expect(await t.db.prisma.pointsEntry.count({ where: { userId: { in: [absent1.id, absent2.id] } } })).toBe(0)
    })

    test('when no-shows are marked on a cancelled activity, then 409 activity_cancelled and nobody is marked', async () => {
      const w = await world(5, 3)
      await confirm(t.db.prisma, w.activity.id, [w.person.id])
      await t.db.prisma.activity.update({ where: { id: w.activity.id }, data: { status: 'cancelled', cancelReason: '暴雨' } })
      const before = await tally()

      const res = await markNoShows(w.activity.id, w.recorder.id)

      expect(res.status).toBe(409)
      expect(res.body.error.code).toBe('activity_cancelled')
      expect(await tally()).toEqual(before)
    })

    test('when an organiser of another unit marks no-shows, then 403 forbidden and nothing is written', async () => {
      const w = await world(5, 3)
      await confirm(t.db.prisma, w.activity.id, [w.person.id])
      const other = await makeUser(t.db.prisma, { organiserOfUnit: (await makeUnit(t.db.prisma)).id })
      const before = await tally()

      const res = await markNoShows(w.activity.id, other.id)

      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('forbidden')
      expect(await tally()).toEqual(before)
    })

    test('when a volunteer marks no-shows, then 403 and nothing is written', async () => {
      const w = await world(5, 3)
      await confirm(t.db.prisma, w.activity.id, [w.person.id])
      const before = await tally()

      const res = await markNoShows(w.activity.id, w.person.id)

      expect(res.status).toBe(403)
      expect(await tally()).toEqual(before)
    })
  })

  describe('closing ended activities (closeEnded)', () => {
    test('when closing runs, then only activities past the end plus the check-out window are closed, with their no-shows marked', async () => {
      // ended 3 h ago: past the 2 h check-out window
      const over = await runningActivity(t.db.prisma, 5, 2)
      // ended 1 h ago: people may still check out
      const recent = await runningActivity(t.db.prisma, 3, 2)
      const running = await runningActivity(t.db.prisma, 1, 3)
      const [a, b, c] = await makeVolunteers(t.db.prisma, 3)
      await confirm(t.db.prisma, over.id, [a.id])
      await confirm(t.db.prisma, recent.id, [b.id])
      await confirm(t.db.prisma, running.id, [c.id])
      const statusOf = async (id: number) => (await t.db.prisma.activity.findUniqueOrThrow({ where: { id } })).status
      const attendanceOf = (activityId: number) => t.db.prisma.attendance.findMany({ where: { activityId } })

      const closed = await closeEnded(t.deps, new Date())

      expect(closed).toBeGreaterThanOrEqual(1)
      expect(await statusOf(over.id)).toBe('closed')
      expect((await attendanceOf(over.id)).map((r) => [r.userId, r.status])).toEqual([[a.id, 'no_show']])
      expect(await statusOf(recent.id)).toBe('published')
      expect(await attendanceOf(recent.id)).toEqual([])
      expect(await statusOf(running.id)).toBe('published')

      // 90 min later the recent one's check-out window has passed too; the running one has not ended + 2 h
      await closeEnded(t.deps, new Date(Date.now() + 90 * 60_000))

      expect(await statusOf(recent.id)).toBe('closed')
      expect((await attendanceOf(recent.id)).map((r) => [r.userId, r.status])).toEqual([[b.id, 'no_show']])
      expect(await statusOf(running.id)).toBe('published')
      expect(await attendanceOf(running.id)).toEqual([])
    })

    test('when closing runs again, then closed activities are left alone and no no-show is added twice', async () => {
      const over = await runningActivity(t.db.prisma, 6, 2)
      const [a] = await makeVolunteers(t.db.prisma, 1)
      await confirm(t.db.prisma, over.id, [a.id])
      await closeEnded(t.deps, new Date())

      await closeEnded(t.deps, new Date())

      expect(await t.db.prisma.attendance.count({ where: { activityId: over.id } })).toBe(1)
      expect(await t.db.prisma.attendanceEvent.count({ where: { attendance: { activityId: over.id } } })).toBe(1)
    })

    test('when a cancelled activity has ended, then closing leaves it cancelled without no-shows', async () => {
      const gone = await runningActivity(t.db.prisma, 6, 2)
      const [a] = await makeVolunteers(t.db.prisma, 1)
      await confirm(t.db.prisma, gone.id, [a.id])
      await t.db.prisma.activity.update({ where: { id: gone.id }, data: { status: 'cancelled' } })

      await closeEnded(t.deps, new Date())

      expect((await t.db.prisma.activity.findUniqueOrThrow({ where: { id: gone.id } })).status).toBe('cancelled')
      expect(await t.db.prisma.attendance.count({ where: { activityId: gone.id } })).toBe(0)
    })
  })
})
