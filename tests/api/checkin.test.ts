/**
 * Checking in and out by scanning, one person at a time: the signed rotating token (forged,
 * tampered, garbage, expired, another activity's, the mode inside it), the check-in and
 * check-out windows (default and configured), registration and walk-ins, the distance fence,
 * repeated scans, cancelled activities, the printed mini-program code's activity key, the
 * organiser's rotating-code endpoint and the printable wxacode from (fake) WeChat. Every refusal
 * has its own code and writes nothing. (Simultaneous scans are in checkin-concurrency.test.ts.)
 */
import { distanceMetres, formatChina } from '@civic/shared'
import { type TestApp, createTestApp } from '../helpers/app'
import { makeType, makeVolunteers } from '../helpers/activities'
import { SITE, confirm, ledgerConsistent, runningActivity, tokenFor } from '../helpers/checkin'
import { makeCommunity, makeUnit, makeUser } from '../helpers/factories'
import { checkinKey, signCheckin } from '../../server/src/modules/attendance/token'

const MIN = 60_000
const HOUR = 60 * MIN
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
/** metres as degrees of latitude (north of the site) */
const north = (m: number) => ({ latitude: SITE.latitude + m / 111_195, longitude: SITE.longitude })

describe('check-in and check-out by scanning', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(async () => {
    expect(await ledgerConsistent(t.db.prisma)).toBe(true)
    await t.close()
  })

  const bearer = async (userId: number, app: TestApp = t) => `Bearer ${await app.tokenFor(userId)}`
  const volunteer = async (app: TestApp = t) => (await makeVolunteers(app.db.prisma, 1))[0]
  const scan = async (userId: number, body: Record<string, unknown>, app: TestApp = t) =>
    app.http
      .post('/api/attendance/scan')
      .set('Authorization', await bearer(userId, app))
      .send({ ...SITE, ...body })
  /** Rows in the three tables a scan may write: a refused scan leaves them as they were. */
  const tally = async (app: TestApp = t) => ({
    attendance: await app.db.prisma.attendance.count(),
    events: await app.db.prisma.attendanceEvent.count(),
    points: await app.db.prisma.pointsEntry.count(),
  })
  /** A running activity (started 2 h ago, 3 h long unless told) with one confirmed volunteer. */
  async function signedUp(startedHoursAgo = 2, durationHours = 3, extra: Parameters<typeof runningActivity>[3] = {}, app: TestApp = t) {
    const a = await runningActivity(app.db.prisma, startedHoursAgo, durationHours, extra)
    const person = await volunteer(app)
    await confirm(app.db.prisma, a.id, [person.id])
    return { a, person }
  }
  /** Checked in by scan, then the check-in moved back to the start (as if they had come on time). */
  async function checkedInAtStart(a: { id: number; startAt: Date }, userId: number, app: TestApp = t) {
    const res = await scan(userId, { token: tokenFor(app, a.id, 'in') }, app)
    expect(res.status).toBe(200)
    await app.db.prisma.attendance.update({ where: { id: res.body.attendance.id }, data: { checkInAt: a.startAt } })
    return res.body.attendance.id as number
  }
  /** Checked in at the start, written directly (for activities whose check-in window has passed). */
  const checkedInEarlier = async (a: { id: number; startAt: Date }, userId: number, app: TestApp = t) =>
    (await app.db.prisma.attendance.create({ data: { activityId: a.id, userId, source: 'scan', status: 'approved', checkInAt: a.startAt } })).id
  const attendanceOf = (activityId: number, userId: number) =>
    t.db.prisma.attendance.findUnique({ where: { activityId_userId: { activityId, userId } } })
  /** Replaces one dot-separated part of a token (`CP1.<activity>.<mode>.<expiry>.<mac>`). */
  const tamper = (token: string, index: number, value: string) => token.split('.').map((p, i) => (i === index ? value : p)).join('.')

  // ------------------------------------------------------------------ the signed token

  describe('the signed token', () => {
    test('when the token is signed with another key, then 400 token_invalid and nothing is written', async () => {
      const { a, person } = await signedUp()
      const otherKey = checkinKey(new TextEncoder().encode('another-deployment-secret-of-32-chars-or-more'))
      const forged = signCheckin(otherKey, a.id, 'in', new Date(Date.now() + 30_000))
      const before = await tally()

      const res = await scan(person.id, { token: forged })

      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('token_invalid')
      expect(await tally()).toEqual(before)
    })

    test('when the activity id of a valid token is changed to another activity the person signed up for, then 400 token_invalid and nothing is written on either', async () => {
      const { a, person } = await signedUp()
      const { a: b } = await signedUp()
      await confirm(t.db.prisma, b.id, [person.id])
      const before = await tally()

      const res = await scan(person.id, { token: tamper(tokenFor(t, a.id, 'in'), 1, b.id.toString(36)) })

      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('token_invalid')
      expect(await tally()).toEqual(before)
      expect(await attendanceOf(b.id, person.id)).toBeNull()
    })

    test('when the mode letter of a check-out token is changed to check-in, then 400 token_invalid and nothing is written', async () => {
      const { a, person } = await signedUp()
      const before = await tally()

      const res = await scan(person.id, { token: tamper(tokenFor(t, a.id, 'out'), 2, 'i') })

      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('token_invalid')
      expect(await tally()).toEqual(before)
    })

    test('when the mode letter of a check-in token is changed to check-out after checking in, then 400 token_invalid and the attendance stays open', async () => {
      const { a, person } = await signedUp()
      await checkedInAtStart(a, person.id)
      const before = await tally()

      const res = await scan(person.id, { token: tamper(tokenFor(t, a.id, 'in'), 2, 'o') })

      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('token_invalid')
      expect(await tally()).toEqual(before)
      expect((await attendanceOf(a.id, person.id))?.checkOutAt).toBeNull()
    })

    test('when the expiry of an expired token is pushed into the future, then 400 token_invalid (the expiry is signed too)', async () => {
      const { a, person } = await signedUp()
      const later = Math.floor((Date.now() + 10 * MIN) / 1000).toString(36)
      const before = await tally()

      const res = await scan(person.id, { token: tamper(tokenFor(t, a.id, 'in', -60), 3, later) })

      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('token_invalid')
      expect(await tally()).toEqual(before)
    })

    test.each([
      ['a word', 'hello'],
      ['the right shape with nonsense', 'CP1.zz.i.zz.AAAAAAAAAAAAAAAAAAAAAA'],
      ['another prefix', 'CP2.1.i.1.AAAAAAAAAAAAAAAAAAAAAA'],
      ['a URL', 'https://example.com/checkin?activity=1'],
    ])('when the token is garbage (%s), then 400 token_invalid and nothing is written', async (_what, garbage) => {
      const { person } = await signedUp()
      const before = await tally()

      const res = await scan(person.id, { token: garbage })

      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('token_invalid')
      expect(await tally()).toEqual(before)
    })

    test('when a correctly signed token names an activity that does not exist, then 400 token_invalid and nothing is written', async () => {
      const { person } = await signedUp()
      const before = await tally()

      const res = await scan(person.id, { token: tokenFor(t, 2_000_000_000, 'in') })

      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('token_invalid')
      expect(await tally()).toEqual(before)
    })

    test('when the scan comes without a location, then 400 validation_failed and nothing is written', async () => {
      const { a, person } = await signedUp()
      const before = await tally()

      const res = await t.http
        .post('/api/attendance/scan')
        .set('Authorization', await bearer(person.id))
        .send({ token: tokenFor(t, a.id, 'in') })

      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['body.latitude', 'body.longitude']))
      expect(await tally()).toEqual(before)
    })

    test('when the token expired, then 400 token_expired with its own message and nothing is written', async () => {
      const { a, person } = await signedUp()
      const before = await tally()

      const res = await scan(person.id, { token: tokenFor(t, a.id, 'in', -5) })

      expect(res.status).toBe(400)
      expect(res.body.error).toEqual({ code: 'token_expired', message: '签到码已过期，请扫描最新的签到码' })
      expect(await tally()).toEqual(before)
    })

    test('when a person signed up for A and B scans A’s token, then only A gets an attendance', async () => {
      const { a, person } = await signedUp()
      const { a: b } = await signedUp()
      await confirm(t.db.prisma, b.id, [person.id])

      const res = await scan(person.id, { token: tokenFor(t, a.id, 'in') })

      expect(res.status).toBe(200)
      expect(res.body.attendance.activity.id).toBe(a.id)
      expect(await attendanceOf(a.id, person.id)).not.toBeNull()
      expect(await attendanceOf(b.id, person.id)).toBeNull()
    })

    test('when A’s token is sent together with B’s activity key, then 400 validation_failed and nothing is written', async () => {
      const { a, person } = await signedUp()
      const { a: b } = await signedUp()
      await confirm(t.db.prisma, b.id, [person.id])
      const before = await tally()

      const res = await scan(person.id, { token: tokenFor(t, a.id, 'in'), activityKey: b.shortKey, mode: 'in' })

      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
      expect(await tally()).toEqual(before)
    })

    test('when a person not signed up for A scans A’s token, then 403 not_signed_up even though they are signed up for B', async () => {
      const { a } = await signedUp()
      const { a: b, person } = await signedUp()
      const before = await tally()

      const res = await scan(person.id, { token: tokenFor(t, a.id, 'in') })

      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('not_signed_up')
      expect(await tally()).toEqual(before)
      expect(await attendanceOf(b.id, person.id)).toBeNull()
    })

    test('when the check-in token is scanned again after checking in, then it is a repeated check-in, never a check-out', async () => {
      const { a, person } = await signedUp()
      const id = await checkedInAtStart(a, person.id)

      const res = await scan(person.id, { token: tokenFor(t, a.id, 'in') })

      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ mode: 'in', repeated: true, attendance: { id, checkOutAt: null, hours: 0, points: 0 } })
      expect((await attendanceOf(a.id, person.id))?.checkOutAt).toBeNull()
      expect(await t.db.prisma.pointsEntry.count({ where: { userId: person.id } })).toBe(0)
    })

    test('when the check-out token is scanned before checking in, then 409 not_checked_in and nothing is written', async () => {
      const { a, person } = await signedUp()
      const before = await tally()

      const res = await scan(person.id, { token: tokenFor(t, a.id, 'out') })

      expect(res.status).toBe(409)
      expect(res.body.error.code).toBe('not_checked_in')
      expect(await tally()).toEqual(before)
    })
  })

  // ------------------------------------------------------------------ the window

  describe('the window', () => {
    test('when checking in 40 min before the start, then 409 checkin_window_closed with opensAt 30 min before the start and closesAt at the end', async () => {
      const { a, person } = await signedUp(-40 / 60, 2)
      const before = await tally()

      const res = await scan(person.id, { token: tokenFor(t, a.id, 'in') })

      expect(res.status).toBe(409)
      const opensAt = new Date(a.startAt.getTime() - 30 * MIN)
      expect(res.body.error).toMatchObject({
        code: 'checkin_window_closed',
        meta: { opensAt: opensAt.toISOString(), closesAt: a.endAt.toISOString() },
      })
      expect(res.body.error.message).toContain(formatChina(opensAt, 'HH:mm'))
      expect(res.body.error.message).toContain(formatChina(a.endAt, 'HH:mm'))
      expect(await tally()).toEqual(before)
    })

    test('when checking in 20 min before the start, then 200 and the attendance is recorded', async () => {
      const { a, person } = await signedUp(-20 / 60, 2)

      const res = await scan(person.id, { token: tokenFor(t, a.id, 'in') })

      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ mode: 'in', repeated: false, attendance: { source: 'scan', status: 'approved' } })
    })

    test('when checking in 10 min after the end, then 409 checkin_window_closed and nothing is written', async () => {
      const { a, person } = await signedUp(2 + 10 / 60, 2)
      const before = await tally()

      const res = await scan(person.id, { token: tokenFor(t, a.id, 'in') })

      expect(res.status).toBe(409)
      expect(res.body.error).toMatchObject({ code: 'checkin_window_closed', meta: { closesAt: a.endAt.toISOString() } })
      expect(await tally()).toEqual(before)
    })

    test('when checking out before the start, then 409 checkin_window_closed with opensAt at the start and closesAt 2 h after the end', async () => {
      const { a, person } = await signedUp(-20 / 60, 2)
      expect((await scan(person.id, { token: tokenFor(t, a.id, 'in') })).status).toBe(200)
      const before = await tally()

      const res = await scan(person.id, { token: tokenFor(t, a.id, 'out') })

      expect(res.status).toBe(409)
      expect(res.body.error).toMatchObject({
        code: 'checkin_window_closed',
        meta: { opensAt: a.startAt.toISOString(), closesAt: new Date(a.endAt.getTime() + 2 * HOUR).toISOString() },
      })
      expect(await tally()).toEqual(before)
      expect((await attendanceOf(a.id, person.id))?.checkOutAt).toBeNull()
    })

    test('when checking out 1 h after the end, then 200 and the hours run only to the end', async () => {
      const { a, person } = await signedUp(3, 2)
      await checkedInEarlier(a, person.id)

      const res = await scan(person.id, { token: tokenFor(t, a.id, 'out') })

      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ mode: 'out', repeated: false, attendance: { hours: 2, points: 20 } })
    })

    test('when checking out 2 h 10 min after the end, then 409 checkin_window_closed and no hours are credited', async () => {
      const { a, person } = await signedUp(4 + 10 / 60, 2)
      await checkedInEarlier(a, person.id)
      const before = await tally()

      const res = await scan(person.id, { token: tokenFor(t, a.id, 'out') })

      expect(res.status).toBe(409)
      expect(res.body.error).toMatchObject({ code: 'checkin_window_closed', meta: { closesAt: new Date(a.endAt.getTime() + 2 * HOUR).toISOString() } })
      expect(await tally()).toEqual(before)
    })

    describe('configured: check-in opens 60 min before, check-out closes 10 min after the end', () => {
      let c: TestApp
      beforeAll(async () => {
        c = await createTestApp({ CHECKIN_OPENS_MIN: '60', CHECKOUT_CLOSES_MIN: '10' })
      })
      afterAll(async () => {
        expect(await ledgerConsistent(c.db.prisma)).toBe(true)
        await c.close()
      })

      test('when checking in 40 min before the start, then 200', async () => {
        const { a, person } = await signedUp(-40 / 60, 2, {}, c)

        const res = await scan(person.id, { token: tokenFor(c, a.id, 'in') }, c)

        expect(res.status).toBe(200)
        expect(res.body.attendance.checkInAt).not.toBeNull()
      })

      test('when checking in 70 min before the start, then 409 with opensAt 60 min before the start', async () => {
        const { a, person } = await signedUp(-70 / 60, 2, {}, c)

        const res = await scan(person.id, { token: tokenFor(c, a.id, 'in') }, c)

        expect(res.status).toBe(409)
        expect(res.body.error.meta.opensAt).toBe(new Date(a.startAt.getTime() - 60 * MIN).toISOString())
      })

      test('when checking out 20 min after the end, then 409 with closesAt 10 min after the end and nothing is written', async () => {
        const { a, person } = await signedUp(2 + 20 / 60, 2, {}, c)
        await checkedInEarlier(a, person.id, c)
        const before = await tally(c)

        const res = await scan(person.id, { token: tokenFor(c, a.id, 'out') }, c)

        expect(res.status).toBe(409)
        expect(res.body.error).toMatchObject({
          code: 'checkin_window_closed',
          meta: { opensAt: a.startAt.toISOString(), closesAt: new Date(a.endAt.getTime() + 10 * MIN).toISOString() },
        })
        expect(await tally(c)).toEqual(before)
      })

      test('when checking out 5 min after the end, then 200 and the hours are credited', async () => {
        const { a, person } = await signedUp(2 + 5 / 60, 2, {}, c)
        await checkedInEarlier(a, person.id, c)

        const res = await scan(person.id, { token: tokenFor(c, a.id, 'out') }, c)

        expect(res.status).toBe(200)
        expect(res.body.attendance).toMatchObject({ hours: 2, points: 20 })
      })
    })
  })

  // ------------------------------------------------------------------ registration

  describe('registration', () => {
    test('when a person without a sign-up scans and walk-ins are not allowed, then 403 not_signed_up and nothing is written', async () => {
      const a = await runningActivity(t.db.prisma)
      const person = await volunteer()
      const before = await tally()

      const res = await scan(person.id, { token: tokenFor(t, a.id, 'in') })

      expect(res.status).toBe(403)
      expect(res.body.error).toEqual({ code: 'not_signed_up', message: '你没有报名该活动' })
      expect(await tally()).toEqual(before)
    })

    test.each(['waitlisted', 'cancelled'] as const)(
      'when a person whose sign-up is %s scans, then 403 not_signed_up and nothing is written',
      async (status) => {
        const a = await runningActivity(t.db.prisma)
        const person = await volunteer()
        await t.db.prisma.signup.create({ data: { activityId: a.id, userId: person.id, status, queueSeq: status === 'waitlisted' ? 1n : null } })
        const before = await tally()

        const res = await scan(person.id, { token: tokenFor(t, a.id, 'in') })

        expect(res.status).toBe(403)
        expect(res.body.error.code).toBe('not_signed_up')
        expect(await tally()).toEqual(before)
      },
    )

    test('when walk-ins are allowed, then a person without a sign-up gets a pending walk-in attendance with a walk_in event', async () => {
      const a = await runningActivity(t.db.prisma, 2, 3, { allowWalkIn: true })
      const person = await volunteer()

      const res = await scan(person.id, { token: tokenFor(t, a.id, 'in') })

      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ mode: 'in', repeated: false, attendance: { source: 'walk_in', status: 'pending', points: 0 } })
      const events = await t.db.prisma.attendanceEvent.findMany({ where: { attendanceId: res.body.attendance.id } })
      expect(events.map((e) => [e.kind, e.actorId])).toEqual([['walk_in', person.id]])
    })

    test('when a walk-in checks out, then the hours are recorded but no points until an organiser approves, and then once', async () => {
      const a = await runningActivity(t.db.prisma, 2, 3, { allowWalkIn: true })
      const person = await volunteer()
      const organiser = await makeUser(t.db.prisma, { organiserOfUnit: a.organiserUnitId! })
      const id = await checkedInAtStart(a, person.id)

      const out = await scan(person.id, { token: tokenFor(t, a.id, 'out') })

      expect(out.status).toBe(200)
      expect(out.body.attendance).toMatchObject({ id, status: 'pending', hours: 2, points: 0 })
      expect(await t.db.prisma.pointsEntry.count({ where: { userId: person.id } })).toBe(0)

      const approved = await t.http.post(`/api/attendance/${id}/approve`).set('Authorization', await bearer(organiser.id))

      expect(approved.status).toBe(200)
      expect(approved.body).toMatchObject({ status: 'approved', points: 20, approvedBy: { id: organiser.id } })
      const entries = await t.db.prisma.pointsEntry.findMany({ where: { userId: person.id } })
      expect(entries.map((e) => [e.amount, e.sourceType, e.sourceId])).toEqual([[20, 'attendance', String(id)]])
    })
  })

  // ------------------------------------------------------------------ distance

  describe('distance', () => {
    test('when the person is about 500 m away, then 403 too_far with the distance in meta and in the message, and nothing is written', async () => {
      const { a, person } = await signedUp()
      const where = north(500)
      const expected = Math.round(distanceMetres({ lat: where.latitude, lng: where.longitude }, { lat: SITE.latitude, lng: SITE.longitude }))
      const before = await tally()

      const res = await scan(person.id, { token: tokenFor(t, a.id, 'in'), ...where })

      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('too_far')
      expect(res.body.error.meta).toEqual({ distanceM: expected, radiusM: 300 })
      expect(expected).toBeGreaterThanOrEqual(495)
      expect(expected).toBeLessThanOrEqual(505)
      expect(res.body.error.message).toContain(`${expected} 米`)
      expect(res.body.error.message).toContain('300 米')
      expect(await tally()).toEqual(before)
    })

    test('when the person is 310 m away from a 300 m fence, then 403 too_far', async () => {
      const { a, person } = await signedUp()

      const res = await scan(person.id, { token: tokenFor(t, a.id, 'in'), ...north(310) })

      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('too_far')
    })

    test('when the person is 290 m away, just inside the 300 m fence, then 200', async () => {
      const { a, person } = await signedUp()

      const res = await scan(person.id, { token: tokenFor(t, a.id, 'in'), ...north(290) })

      expect(res.status).toBe(200)
      expect(res.body.attendance.checkInAt).not.toBeNull()
    })

    test('when people stand around the fence’s edge (298–302 m, every 0.25 m), then the database admits exactly those the rounded haversine puts inside, and writes nothing for the others', async () => {
      const offsets = Array.from({ length: 17 }, (_, i) => 298 + i * 0.25)
      const outcomes = []
      for (const m of offsets) {
        const { a, person } = await signedUp()
        const where = north(m)
        const inside = Math.round(distanceMetres({ lat: where.latitude, lng: where.longitude }, { lat: SITE.latitude, lng: SITE.longitude })) <= 300
        const res = await scan(person.id, { token: tokenFor(t, a.id, 'in'), ...where })
        const written = await t.db.prisma.attendance.count({ where: { activityId: a.id } })
        outcomes.push({ m, inside, status: res.status, code: res.body.error?.code ?? null, written })
      }

      expect(outcomes).toEqual(
        outcomes.map(({ m, inside }) =>
          inside ? { m, inside, status: 200, code: null, written: 1 } : { m, inside, status: 403, code: 'too_far', written: 0 },
        ),
      )
      // both sides of the edge were exercised
      expect(outcomes.some((o) => o.inside) && outcomes.some((o) => !o.inside)).toBe(true)
    })

    test('when checking out from 500 m away, then 403 too_far and the attendance stays open', async () => {
      const { a, person } = await signedUp()
      await checkedInAtStart(a, person.id)
      const before = await tally()

      const res = await scan(person.id, { token: tokenFor(t, a.id, 'out'), ...north(500) })

      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('too_far')
      expect(await tally()).toEqual(before)
      expect((await attendanceOf(a.id, person.id))?.checkOutAt).toBeNull()
    })
  })

  // ------------------------------------------------------------------ repeats, check-out, cancelled

  describe('repeats and cancelled activities', () => {
    test('when the same check-in code is scanned twice, then the second answers 200 with the same attendance and repeated: true', async () => {
      const { a, person } = await signedUp()
      const token = tokenFor(t, a.id, 'in')
      const first = await scan(person.id, { token })

      const second = await scan(person.id, { token })

      expect(first.status).toBe(200)
      expect(first.body.repeated).toBe(false)
      expect(second.status).toBe(200)
      expect(second.body).toMatchObject({ mode: 'in', repeated: true, attendance: { id: first.body.attendance.id } })
      expect(second.body.attendance.checkInAt).toBe(first.body.attendance.checkInAt)
      expect(await t.db.prisma.attendanceEvent.count({ where: { attendanceId: first.body.attendance.id } })).toBe(1)
    })

    test('when the check-out code is scanned twice, then the second answers repeated: true and points are credited once', async () => {
      const { a, person } = await signedUp()
      const id = await checkedInAtStart(a, person.id)
      const first = await scan(person.id, { token: tokenFor(t, a.id, 'out') })

      const second = await scan(person.id, { token: tokenFor(t, a.id, 'out') })

      expect(first.body).toMatchObject({ mode: 'out', repeated: false, attendance: { id, hours: 2, points: 20 } })
      expect(second.status).toBe(200)
      expect(second.body).toMatchObject({ mode: 'out', repeated: true, attendance: { id, hours: 2, points: 20 } })
      expect(second.body.attendance.checkOutAt).toBe(first.body.attendance.checkOutAt)
      expect(await t.db.prisma.pointsEntry.count({ where: { userId: person.id } })).toBe(1)
    })

    test('when a person checks in without ever checking out, then the attendance earns no hours and no points', async () => {
      const { a, person } = await signedUp()

      const id = await checkedInAtStart(a, person.id)

      const row = await t.db.prisma.attendance.findUniqueOrThrow({ where: { id } })
      expect(row.hours.toNumber()).toBe(0)
      expect(row.creditedPoints).toBe(0)
      expect(await t.db.prisma.pointsEntry.count({ where: { userId: person.id } })).toBe(0)
    })

    test.each(['in', 'out'] as const)('when the activity was cancelled, then a %s scan is 409 activity_cancelled and nothing is written', async (mode) => {
      const { a, person } = await signedUp()
      if (mode === 'out') await checkedInAtStart(a, person.id)
      await t.db.prisma.activity.update({ where: { id: a.id }, data: { status: 'cancelled' } })
      const before = await tally()

      const res = await scan(person.id, { token: tokenFor(t, a.id, mode) })

      expect(res.status).toBe(409)
      expect(res.body.error.code).toBe('activity_cancelled')
      expect(await tally()).toEqual(before)
    })
  })

  // ------------------------------------------------------------------ printed code

  describe('the printed mini-program code (activity key and mode)', () => {
    test('when a signed-up person scans the printed code at the site, then 200 and they are checked in', async () => {
      const { a, person } = await signedUp()

      const res = await scan(person.id, { activityKey: a.shortKey, mode: 'in' })

      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ mode: 'in', repeated: false, attendance: { activity: { id: a.id }, source: 'scan' } })
    })

    test('when the printed code is scanned 500 m away (e.g. from a photo), then 403 too_far and nothing is written', async () => {
      const { a, person } = await signedUp()
      const before = await tally()

      const res = await scan(person.id, { activityKey: a.shortKey, mode: 'in', ...north(500) })

      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('too_far')
      expect(await tally()).toEqual(before)
    })

    test('when checking out with the printed code at the site, then the hours and points are credited', async () => {
      const { a, person } = await signedUp()
      await checkedInAtStart(a, person.id)

      const res = await scan(person.id, { activityKey: a.shortKey, mode: 'out' })

      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ mode: 'out', attendance: { hours: 2, points: 20 } })
    })

    test('when the key belongs to no activity, then 404 activity_not_found and nothing is written', async () => {
      const { person } = await signedUp()
      const before = await tally()

      const res = await scan(person.id, { activityKey: 'NoSuchKey42', mode: 'in' })

      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('activity_not_found')
      expect(await tally()).toEqual(before)
    })

    test('when the key comes without a mode, then 400 validation_failed on mode', async () => {
      const { a, person } = await signedUp()

      const res = await scan(person.id, { activityKey: a.shortKey })

      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain('body.mode')
    })
  })

  // ------------------------------------------------------------------ the organiser's rotating code

  describe('GET /api/activities/:id/checkin-token', () => {
    const getToken = async (activityId: number, userId: number, mode?: 'in' | 'out') =>
      t.http
        .get(`/api/activities/${activityId}/checkin-token`)
        .query(mode ? { mode } : {})
        .set('Authorization', await bearer(userId))

    test('when the activity’s organiser asks, then a check-in token the scan accepts, valid about 30 s, refresh in 15 s, and a PNG QR code', async () => {
      const { a, person } = await signedUp()
      const organiser = await makeUser(t.db.prisma, { organiserOfUnit: a.organiserUnitId! })
      const asked = Date.now()

      const res = await getToken(a.id, organiser.id)

      expect(res.status).toBe(200)
      expect(res.headers['cache-control']).toBe('no-store')
      expect(res.body).toMatchObject({ mode: 'in', refreshInS: 15 })
      const ahead = Date.parse(res.body.expiresAt) - asked
      expect(ahead).toBeGreaterThan(28_000)
      expect(ahead).toBeLessThanOrEqual(31_000)
      expect(res.body.qrDataUrl).toMatch(/^data:image\/png;base64,/)
      const png = Buffer.from(res.body.qrDataUrl.slice('data:image/png;base64,'.length), 'base64')
      expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE)
      const scanned = await scan(person.id, { token: res.body.token })
      expect(scanned.status).toBe(200)
      expect(scanned.body).toMatchObject({ mode: 'in', attendance: { activity: { id: a.id } } })
    })

    test('when mode=out is asked, then the token checks out', async () => {
      const { a, person } = await signedUp()
      const organiser = await makeUser(t.db.prisma, { organiserOfUnit: a.organiserUnitId! })
      await checkedInAtStart(a, person.id)

      const res = await getToken(a.id, organiser.id, 'out')
      const scanned = await scan(person.id, { token: res.body.token })

      expect(res.body.mode).toBe('out')
      expect(scanned.status).toBe(200)
      expect(scanned.body).toMatchObject({ mode: 'out', attendance: { hours: 2, points: 20 } })
    })

    test('when the counts are read before and after scans, then confirmed, checked-in and checked-out follow them', async () => {
      const a = await runningActivity(t.db.prisma)
      const people = await makeVolunteers(t.db.prisma, 3)
      await confirm(t.db.prisma, a.id, people.map((p) => p.id))
      const organiser = await makeUser(t.db.prisma, { organiserOfUnit: a.organiserUnitId! })

      const initially = (await getToken(a.id, organiser.id)).body.counts
      await checkedInAtStart(a, people[0].id)
      await checkedInAtStart(a, people[1].id)
      const afterIns = (await getToken(a.id, organiser.id)).body.counts
      expect((await scan(people[0].id, { token: tokenFor(t, a.id, 'out') })).status).toBe(200)
      const afterOut = (await getToken(a.id, organiser.id)).body.counts

      expect(initially).toEqual({ confirmed: 3, checkedIn: 0, checkedOut: 0 })
      expect(afterIns).toEqual({ confirmed: 3, checkedIn: 2, checkedOut: 0 })
      expect(afterOut).toEqual({ confirmed: 3, checkedIn: 2, checkedOut: 1 })
    })

    test('when the office asks, then 200', async () => {
      const { a } = await signedUp()
      const office = await makeUser(t.db.prisma, { office: true })

      const res = await getToken(a.id, office.id)

      expect(res.status).toBe(200)
      expect(res.body.token).toEqual(expect.any(String))
    })

    test('when a volunteer asks, then 403 forbidden and no token', async () => {
      const { a, person } = await signedUp()

      const res = await getToken(a.id, person.id)

      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('forbidden')
      expect(res.body.token).toBeUndefined()
    })

    test('when an organiser of another unit asks, then 403 forbidden and no token', async () => {
      const { a } = await signedUp()
      const other = await makeUser(t.db.prisma, { organiserOfUnit: (await makeUnit(t.db.prisma)).id })

      const res = await getToken(a.id, other.id)

      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('forbidden')
      expect(res.body.token).toBeUndefined()
    })

    test('when the activity was cancelled, then 409 activity_cancelled', async () => {
      const { a } = await signedUp()
      const organiser = await makeUser(t.db.prisma, { organiserOfUnit: a.organiserUnitId! })
      await t.db.prisma.activity.update({ where: { id: a.id }, data: { status: 'cancelled' } })

      const res = await getToken(a.id, organiser.id)

      expect(res.status).toBe(409)
      expect(res.body.error.code).toBe('activity_cancelled')
    })
  })

  // ------------------------------------------------------------------ the printable wxacode

  describe('GET /api/activities/:id/wxacode', () => {
    /** An activity published through the API, so its short key is the server's own. */
    async function published() {
      const unit = await makeUnit(t.db.prisma)
      const community = await makeCommunity(t.db.prisma)
      const type = await makeType(t.db.prisma)
      const organiser = await makeUser(t.db.prisma, { organiserOfUnit: unit.id })
      const res = await t.http
        .post('/api/activities')
        .set('Authorization', await bearer(organiser.id))
        .send({
          title: '文明交通劝导',
          typeId: type.id,
          organiserUnitId: unit.id,
          communityId: community.id,
          address: '人民路与解放路交叉口',
          ...{ latitude: SITE.latitude, longitude: SITE.longitude },
          radiusM: 300,
          startAt: new Date(Date.now() + 20 * MIN).toISOString(),
          endAt: new Date(Date.now() + 140 * MIN).toISOString(),
          capacity: 10,
          signupDeadline: new Date(Date.now() + 10 * MIN).toISOString(),
        })
      expect(res.status).toBe(201)
      return { activity: res.body as { id: number; shortKey: string }, organiser }
    }
    const wxacode = async (activityId: number, userId: number, app: TestApp = t) =>
      app.http
        .get(`/api/activities/${activityId}/wxacode`)
        .set('Authorization', await bearer(userId, app))
        .buffer(true)

    test('when the organiser asks, then PNG bytes from getwxacodeunlimit with the short key as scene, after a stable_token', async () => {
      const { activity, organiser } = await published()
      const seen = t.wechat.calls.length

      const res = await wxacode(activity.id, organiser.id)

      expect(res.status).toBe(200)
      expect(res.headers['content-type']).toBe('image/png')
      expect(Buffer.isBuffer(res.body)).toBe(true)
      expect((res.body as Buffer).subarray(0, 8)).toEqual(PNG_SIGNATURE)
      expect(activity.shortKey).toMatch(/^[0-9A-Za-z]{1,32}$/)
      const calls = t.wechat.calls.slice(seen)
      const code = calls.filter((c) => c.path === '/wxa/getwxacodeunlimit')
      expect(code).toHaveLength(1)
      expect(code[0].body).toMatchObject({ scene: activity.shortKey, page: 'pages/checkin/index' })
      const tokenAt = t.wechat.calls.findIndex((c) => c.path === '/cgi-bin/stable_token')
      expect(tokenAt).toBeGreaterThanOrEqual(0)
      expect(tokenAt).toBeLessThan(t.wechat.calls.indexOf(code[0]))
      expect(t.wechat.calls[tokenAt].body).toMatchObject({ grant_type: 'client_credential', appid: 'wx-test-appid' })
    })

    test('when the code is asked a second time, then the cached access token is reused (one token issued in all)', async () => {
      const { activity, organiser } = await published()
      await wxacode(activity.id, organiser.id)
      const seen = t.wechat.calls.length

      const again = await wxacode(activity.id, organiser.id)

      expect(again.status).toBe(200)
      expect(t.wechat.tokensIssued).toBe(1)
      expect(t.wechat.calls.slice(seen).map((c) => c.path)).toEqual(['/wxa/getwxacodeunlimit'])
    })

    test('when the printed code’s key is scanned at the site by a signed-up person, then they are checked in to that activity', async () => {
      const { activity } = await published()
      const person = await volunteer()
      await confirm(t.db.prisma, activity.id, [person.id])

      const res = await scan(person.id, { activityKey: activity.shortKey, mode: 'in' })

      expect(res.status).toBe(200)
      expect(res.body.attendance.activity.id).toBe(activity.id)
    })

    test('when a volunteer asks, then 403 forbidden and WeChat is not called', async () => {
      const { activity } = await published()
      const person = await volunteer()
      const seen = t.wechat.calls.length

      const res = await wxacode(activity.id, person.id)

      expect(res.status).toBe(403)
      expect(t.wechat.calls.length).toBe(seen)
    })

    test('when an organiser of another unit asks, then 403 forbidden and WeChat is not called', async () => {
      const { activity } = await published()
      const other = await makeUser(t.db.prisma, { organiserOfUnit: (await makeUnit(t.db.prisma)).id })
      const seen = t.wechat.calls.length

      const res = await wxacode(activity.id, other.id)

      expect(res.status).toBe(403)
      expect(t.wechat.calls.length).toBe(seen)
    })

    test('when WeChat is not configured, then 503 wechat_not_configured', async () => {
      const bare = await createTestApp({ WECHAT_APPID: '', WECHAT_SECRET: '' })
      try {
        const a = await runningActivity(bare.db.prisma)
        const organiser = await makeUser(bare.db.prisma, { organiserOfUnit: a.organiserUnitId! })

        const res = await bare.http.get(`/api/activities/${a.id}/wxacode`).set('Authorization', await bearer(organiser.id, bare))

        expect(res.status).toBe(503)
        expect(res.body.error).toEqual({ code: 'wechat_not_configured', message: '未配置微信小程序参数' })
        expect(bare.wechat.calls).toEqual([])
      } finally {
        await bare.close()
      }
    })
  })
})
