/**
 * Capacity and the waitlist under concurrency, proved with simultaneous requests through the
 * real app on both databases.
 */
import { type TestApp, createTestApp } from '../helpers/app'
import { makeActivity, makeVolunteers } from '../helpers/activities'

describe('sign-up under concurrency', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(() => t.close())

  const signUp = (activityId: number, token: string) =>
    t.http.post(`/api/activities/${activityId}/signups`).set('Authorization', `Bearer ${token}`)
  const cancel = (activityId: number, token: string) =>
    t.http.delete(`/api/activities/${activityId}/signups/me`).set('Authorization', `Bearer ${token}`)

  test('when 500 people sign up at once for 50 places, then exactly 50 are confirmed and 450 waitlisted 1..450', async () => {
    const activity = await makeActivity(t.db.prisma, { capacity: 50 })
    const people = await makeVolunteers(t.db.prisma, 500)
    const tokens = await Promise.all(people.map((p) => t.tokenFor(p.id)))

    const responses = await Promise.all(tokens.map((token) => signUp(activity.id, token)))

    expect(responses.map((r) => r.status).filter((s) => s !== 201)).toEqual([])
    const confirmed = responses.filter((r) => r.body.status === 'confirmed')
    const waitlisted = responses.filter((r) => r.body.status === 'waitlisted')
    expect(confirmed).toHaveLength(50)
    expect(waitlisted).toHaveLength(450)
    expect(waitlisted.map((r) => r.body.position).sort((a, b) => a - b)).toEqual(Array.from({ length: 450 }, (_, i) => i + 1))

    const rows = await t.db.prisma.signup.findMany({ where: { activityId: activity.id } })
    expect(rows).toHaveLength(500)
    expect(new Set(rows.map((r) => r.userId)).size).toBe(500)
    expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(50)
    // the waitlist order in the database is the order of the positions answered
    const byUser = new Map(responses.map((r, i) => [people[i].id, r.body.position as number | null]))
    const queue = rows.filter((r) => r.status === 'waitlisted').sort((a, b) => Number(a.queueSeq! - b.queueSeq!))
    expect(queue.map((r) => byUser.get(r.userId))).toEqual(Array.from({ length: 450 }, (_, i) => i + 1))
  })

  test('when the same person signs up 20 times at once, then there is one sign-up and 19 duplicates', async () => {
    const activity = await makeActivity(t.db.prisma, { capacity: 5 })
    const [person] = await makeVolunteers(t.db.prisma, 1)
    const token = await t.tokenFor(person.id)

    const responses = await Promise.all(Array.from({ length: 20 }, () => signUp(activity.id, token)))

    expect(responses.filter((r) => r.status === 201)).toHaveLength(1)
    const refused = responses.filter((r) => r.status !== 201)
    expect(refused).toHaveLength(19)
    expect(new Set(refused.map((r) => r.body.error.code))).toEqual(new Set(['signup_duplicate']))
    expect(await t.db.prisma.signup.count({ where: { activityId: activity.id } })).toBe(1)
  })

  test('when 10 confirmed people cancel at once, then exactly the first 10 waitlisted move up, in order', async () => {
    const activity = await makeActivity(t.db.prisma, { capacity: 20 })
    const people = await makeVolunteers(t.db.prisma, 35)
    const tokens = await Promise.all(people.map((p) => t.tokenFor(p.id)))
    // sequential sign-ups: the first 20 confirmed, the next 15 waitlisted 1..15 in this order
    for (const token of tokens) expect((await signUp(activity.id, token)).status).toBe(201)

    const leaving = tokens.slice(0, 10)
    const cancelled = await Promise.all(leaving.map((token) => cancel(activity.id, token)))
    expect(cancelled.map((r) => r.status)).toEqual(Array(10).fill(200))

    const rows = await t.db.prisma.signup.findMany({ where: { activityId: activity.id } })
    const status = new Map(rows.map((r) => [r.userId, r.status]))
    expect(people.slice(0, 10).map((p) => status.get(p.id))).toEqual(Array(10).fill('cancelled'))
    expect(people.slice(10, 30).map((p) => status.get(p.id))).toEqual(Array(20).fill('confirmed'))
    expect(people.slice(30).map((p) => status.get(p.id))).toEqual(Array(5).fill('waitlisted'))
    // everyone promoted got a notice; nobody else did
    const notices = await t.db.prisma.notice.findMany({ where: { activityId: activity.id, kind: 'waitlist_promoted' } })
    expect(notices.map((n) => n.userId).sort((a, b) => a - b)).toEqual(people.slice(20, 30).map((p) => p.id))
    // the remaining waitlist is renumbered from 1
    const last = await t.http.get(`/api/activities/${activity.id}`).set('Authorization', `Bearer ${tokens[34]}`)
    expect(last.body.mySignup).toEqual({ status: 'waitlisted', position: 5 })
  })

  test('when one person signs up for two overlapping activities at once, then at most one is confirmed', async () => {
    const a = await makeActivity(t.db.prisma, { startInHours: 30, durationHours: 2 })
    const b = await makeActivity(t.db.prisma, { startInHours: 31, durationHours: 2 })
    const [person] = await makeVolunteers(t.db.prisma, 1)
    const token = await t.tokenFor(person.id)

    const [ra, rb] = await Promise.all([signUp(a.id, token), signUp(b.id, token)])

    expect([ra.status, rb.status].sort()).toEqual([201, 409])
    const refused = ra.status === 409 ? ra : rb
    expect(refused.body.error.code).toBe('signup_overlaps')
    expect(await t.db.prisma.signup.count({ where: { userId: person.id, status: 'confirmed' } })).toBe(1)
  })
})
