/**
 * Check-in and check-out under concurrency, on both databases: retries and double scans never
 * create a second attendance or credit points twice; a crowd scanning at once all get in.
 */
import { type TestApp, createTestApp } from '../helpers/app'
import { makeVolunteers } from '../helpers/activities'
import { SITE, confirm, ledgerConsistent, runningActivity, tokenFor } from '../helpers/checkin'

describe('scanning under concurrency', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(async () => {
    expect(await ledgerConsistent(t.db.prisma)).toBe(true)
    await t.close()
  })

  const scan = (token: string, auth: string) =>
    t.http.post('/api/attendance/scan').set('Authorization', `Bearer ${auth}`).send({ token, ...SITE })

  test('when one person scans the same check-in code 200 times at once, then there is one attendance', async () => {
    const a = await runningActivity(t.db.prisma)
    const [person] = await makeVolunteers(t.db.prisma, 1)
    await confirm(t.db.prisma, a.id, [person.id])
    const auth = await t.tokenFor(person.id)
    const token = tokenFor(t, a.id, 'in')

    const responses = await Promise.all(Array.from({ length: 200 }, () => scan(token, auth)))

    expect(responses.map((r) => r.status).filter((s) => s !== 200)).toEqual([])
    expect(new Set(responses.map((r) => r.body.attendance.id)).size).toBe(1)
    expect(responses.filter((r) => r.body.repeated === false)).toHaveLength(1)
    expect(await t.db.prisma.attendance.count({ where: { activityId: a.id } })).toBe(1)
    expect(await t.db.prisma.attendanceEvent.count({ where: { attendance: { activityId: a.id } } })).toBe(1)
  })

  test('when one person scans the check-out code 200 times at once, then hours and points are credited once', async () => {
    const a = await runningActivity(t.db.prisma, 2, 3)
    const [person] = await makeVolunteers(t.db.prisma, 1)
    await confirm(t.db.prisma, a.id, [person.id])
    // checked in at the start, two hours ago
    await t.db.prisma.attendance.create({
      data: { activityId: a.id, userId: person.id, source: 'scan', status: 'approved', checkInAt: a.startAt },
    })
    const auth = await t.tokenFor(person.id)
    const token = tokenFor(t, a.id, 'out')

    const responses = await Promise.all(Array.from({ length: 200 }, () => scan(token, auth)))

    expect(responses.map((r) => r.status).filter((s) => s !== 200)).toEqual([])
    expect(responses.filter((r) => r.body.repeated === false)).toHaveLength(1)
    const entries = await t.db.prisma.pointsEntry.findMany({ where: { userId: person.id } })
    expect(entries).toHaveLength(1)
    // 2 h (floored to 0.5 h) at the factory type's 10 points per hour
    const att = await t.db.prisma.attendance.findFirstOrThrow({ where: { activityId: a.id } })
    expect(att.hours.toNumber()).toBe(2)
    expect(entries[0].amount).toBe(20)
    expect(att.creditedPoints).toBe(20)
    const me = await t.http.get('/api/me/points').set('Authorization', `Bearer ${auth}`)
    expect(me.body.balance).toBe(20)
  })

  test('when 1,000 volunteers check out within the same second, then 1,000 attendances and 1,000 credits, no errors', async () => {
    const a = await runningActivity(t.db.prisma, 2, 3)
    const people = await makeVolunteers(t.db.prisma, 1000)
    await confirm(t.db.prisma, a.id, people.map((p) => p.id))
    const auths = await Promise.all(people.map((p) => t.tokenFor(p.id)))
    const checkIn = tokenFor(t, a.id, 'in')
    const ins = await Promise.all(auths.map((auth) => scan(checkIn, auth)))
    expect(ins.map((r) => r.status).filter((s) => s !== 200)).toEqual([])
    // pretend everyone arrived at the start, then all check out at once
    await t.db.prisma.attendance.updateMany({ where: { activityId: a.id }, data: { checkInAt: a.startAt } })
    const checkOut = tokenFor(t, a.id, 'out')

    const outs = await Promise.all(auths.map((auth) => scan(checkOut, auth)))

    expect(outs.map((r) => r.status).filter((s) => s !== 200)).toEqual([])
    expect(await t.db.prisma.attendance.count({ where: { activityId: a.id, checkOutAt: { not: null } } })).toBe(1000)
    expect(await t.db.prisma.pointsEntry.count({ where: { sourceType: 'attendance', userId: { in: people.map((p) => p.id) } } })).toBe(1000)
  })
})
