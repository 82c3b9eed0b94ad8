/**
 * The scan route does not load the caller before its work (`checksCaller`: the check-in
 * statement and the check-out's read refuse a caller who is gone or disabled themselves). A
 * caller disabled or deleted after their session token was issued is still refused exactly as
 * on every other route — 403 user_disabled / 401 unauthorized, before any other answer
 * (validation, an expired code, a refusal, a repeat, the rate limit) — and nothing is written.
 */
import { type TestApp, createTestApp } from '../helpers/app'
import { makeVolunteers } from '../helpers/activities'
import { SITE, confirm, runningActivity, tokenFor } from '../helpers/checkin'

describe('scanning by a caller who is no longer allowed in', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(() => t.close())

  const scanAs = (token: string, body: Record<string, unknown>, app: TestApp = t) =>
    app.http.post('/api/attendance/scan').set('Authorization', `Bearer ${token}`).send({ ...SITE, ...body })
  const tally = async (app: TestApp = t) => ({
    attendance: await app.db.prisma.attendance.count(),
    events: await app.db.prisma.attendanceEvent.count(),
    points: await app.db.prisma.pointsEntry.count(),
  })

  /** A running activity and a confirmed volunteer holding a session token issued while allowed. */
  async function signedUp(app: TestApp = t) {
    const a = await runningActivity(app.db.prisma)
    const [person] = await makeVolunteers(app.db.prisma, 1)
    await confirm(app.db.prisma, a.id, [person.id])
    return { a, person, session: await app.tokenFor(person.id) }
  }
  const disable = (userId: number, app: TestApp = t) =>
    app.db.prisma.user.update({ where: { id: userId }, data: { disabledAt: new Date() } })
  const remove = (userId: number, app: TestApp = t) => app.db.prisma.user.delete({ where: { id: userId } })

  test('when a disabled caller checks in, then 403 user_disabled and nothing is written', async () => {
    const { a, person, session } = await signedUp()
    await disable(person.id)
    const before = await tally()

    const res = await scanAs(session, { token: tokenFor(t, a.id, 'in') })

    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('user_disabled')
    expect(await tally()).toEqual(before)
  })

  test('when a disabled caller checks in with the printed code, then 403 user_disabled and nothing is written', async () => {
    const { a, person, session } = await signedUp()
    await disable(person.id)
    const before = await tally()

    const res = await scanAs(session, { activityKey: a.shortKey, mode: 'in' })

    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('user_disabled')
    expect(await tally()).toEqual(before)
  })

  test('when a caller disabled after checking in scans again, then 403 user_disabled, not the repeated 200', async () => {
    const { a, person, session } = await signedUp()
    expect((await scanAs(session, { token: tokenFor(t, a.id, 'in') })).status).toBe(200)
    await disable(person.id)

    const res = await scanAs(session, { token: tokenFor(t, a.id, 'in') })

    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('user_disabled')
  })

  test('when a caller disabled after checking in checks out, then 403 user_disabled and the check-out is not recorded', async () => {
    const { a, person, session } = await signedUp()
    const id = (await scanAs(session, { token: tokenFor(t, a.id, 'in') })).body.attendance.id
    await disable(person.id)
    const before = await tally()

    const res = await scanAs(session, { token: tokenFor(t, a.id, 'out') })

    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('user_disabled')
    expect(await tally()).toEqual(before)
    expect((await t.db.prisma.attendance.findUniqueOrThrow({ where: { id } })).checkOutAt).toBeNull()
  })

  test.each([
    ['an invalid body', () => ({ token: '' })],
    ['an expired code', (id: number) => ({ token: tokenFor(t, id, 'in', -60) })],
    ['a forged code', (id: number) => ({ token: `${tokenFor(t, id, 'in').slice(0, -4)}AAAA` })],
    ['another activity that does not exist', () => ({ activityKey: 'nosuchkey', mode: 'in' })],
    ['a position far away', (id: number) => ({ token: tokenFor(t, id, 'in'), latitude: SITE.latitude + 1 })],
  ])('when a disabled caller scans with %s, then 403 user_disabled comes first, as on every route', async (_, body) => {
    const { a, person, session } = await signedUp()
    await disable(person.id)

    const res = await scanAs(session, body(a.id))

    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('user_disabled')
  })

  test('when a deleted caller checks in, then 401 unauthorized and nothing is written', async () => {
    const { a, person, session } = await signedUp()
    await remove(person.id)
    const before = await tally()

    const res = await scanAs(session, { token: tokenFor(t, a.id, 'in') })

    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('unauthorized')
    expect(await tally()).toEqual(before)
  })

  test.each([
    ['check-in with an expired code', (id: number) => ({ token: tokenFor(t, id, 'in', -60) })],
    ['check-out', (id: number) => ({ token: tokenFor(t, id, 'out') })],
  ])('when a deleted caller scans for a %s, then 401 unauthorized', async (_, body) => {
    const { a, person, session } = await signedUp()
    await remove(person.id)

    const res = await scanAs(session, body(a.id))

    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('unauthorized')
  })

  test('when a disabled caller is over the scan rate limit, then 403 user_disabled rather than 429', async () => {
    const limited = await createTestApp({ RATE_SCAN_PER_MIN: '1' })
    try {
      const { a, person, session } = await signedUp(limited)
      expect((await scanAs(session, { token: tokenFor(limited, a.id, 'in') }, limited)).status).toBe(200)
      expect((await scanAs(session, { token: tokenFor(limited, a.id, 'in') }, limited)).status).toBe(429)
      await disable(person.id, limited)

      const res = await scanAs(session, { token: tokenFor(limited, a.id, 'in') }, limited)

      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('user_disabled')
    } finally {
      await limited.close()
    }
  })

  test('when an allowed caller checks in, then the request log names them', async () => {
    const { a, person, session } = await signedUp()

    const res = await scanAs(session, { token: tokenFor(t, a.id, 'in') })

    expect(res.status).toBe(200)
    const line = t.logs.find((l) => l.msg === 'request' && l.path === '/api/attendance/scan' && l.userId === person.id)
    expect(line).toMatchObject({ method: 'POST', status: 200 })
  })
})
