/**
 * Authorization on objects: for every endpoint that takes an id and is open to organisers or
 * volunteers, an organiser of ANOTHER unit (or community) is refused and changes nothing. Where
 * an object's existence is not public (attendance records, schedules, reports), the answer for
 * someone else's object is exactly the answer for an id that does not exist. Activities are
 * browsable by every user, so for them a plain 403 tells nothing new.
 * A new id-taking route fails the first test until it is classified here.
 */
import { POLICY } from '../../server/src/auth/policy'
import { routeKey } from '../../server/src/http/route'
import { allRoutes } from '../../server/src/routes'
import { type TestApp, createTestApp } from '../helpers/app'
import { makeType, makeVolunteers } from '../helpers/activities'
import { confirm, runningActivity } from '../helpers/checkin'
import { makeCommunity, makeUser } from '../helpers/factories'
import { ASSIGN, post, reportIn, reportWorld } from '../helpers/reports'

const MISSING = 99_999_999

type Case = { key: string; hidden: boolean; body?: Record<string, unknown>; query?: string; id: 'activity' | 'schedule' | 'attendance' | 'report' }

const CASES: Case[] = [
  { key: 'GET /api/activities/:id/printable-qr', id: 'activity', hidden: false },
  { key: 'PATCH /api/activities/:id', id: 'activity', hidden: false, body: { title: '被改掉的标题' } },
  { key: 'POST /api/activities/:id/cancel', id: 'activity', hidden: false, body: { reason: '不是我的活动' } },
  { key: 'GET /api/activities/:id/roster', id: 'activity', hidden: false },
  { key: 'GET /api/activities/:id/checkin-token', id: 'activity', hidden: false, query: 'mode=in' },
  { key: 'GET /api/activities/:id/wxacode', id: 'activity', hidden: false },
  { key: 'GET /api/activities/:id/attendance', id: 'activity', hidden: false },
  { key: 'POST /api/activities/:id/no-shows', id: 'activity', hidden: false, body: {} },
  { key: 'DELETE /api/schedules/:id', id: 'schedule', hidden: true },
  { key: 'POST /api/attendance/:id/approve', id: 'attendance', hidden: true, body: {} },
  { key: 'POST /api/attendance/:id/reject', id: 'attendance', hidden: true, body: { reason: '不是我审的' } },
  { key: 'GET /api/reports/:id', id: 'report', hidden: true },
  { key: 'POST /api/reports/:id/accept', id: 'report', hidden: true, body: {} },
  { key: 'POST /api/reports/:id/rectify', id: 'report', hidden: true, body: { note: '已处理', uploadIds: ['abcdefgh12345678'] } },
]

/** id-taking routes open below the office that are not about someone else's object, and why */
const EXEMPT: Record<string, string> = {
  'GET /api/activities/:id': 'every user may view a published activity',
  'GET /api/activities/by-key/:key': 'the activity a printed code names; viewable like the above',
  'POST /api/activities/:id/signups': 'every user may sign up (audience rules are tested with sign-ups)',
  'DELETE /api/activities/:id/signups/me': 'acts on the caller’s own sign-up only',
  'POST /api/activities/:id/attendance': 'tested below with a body (an organiser of another unit recording attendance)',
  'GET /api/files/:key': 'public, but only with a valid signature (tested with reports)',
}

describe('object-level authorization', () => {
  let t: TestApp
  const ids: Record<Case['id'], number> = { activity: 0, schedule: 0, attendance: 0, report: 0 }
  let intruder: number
  let communityIntruder: number
  let volunteerId: number

  beforeAll(async () => {
    t = await createTestApp()
    const p = t.db.prisma
    // unit A's world
    const w = await reportWorld(p)
    const activity = await runningActivity(p, 1, 3, { unitId: w.unitA.id })
    const [v] = await makeVolunteers(p, 1)
    volunteerId = v.id
    await confirm(p, activity.id, [v.id])
    const attendance = await p.attendance.create({
      data: { activityId: activity.id, userId: v.id, source: 'manual', status: 'pending', checkInAt: activity.startAt, reason: '现场登记', recordedById: w.organiserA.id },
    })
    const type = await makeType(p, { duty: true })
    const schedule = await p.schedule.create({
      data: {
        unitId: w.unitA.id,
        typeId: type.id,
        title: '周上街',
        weekday: 3,
        startTime: '08:00',
        endTime: '10:00',
        communityId: w.community.id,
        address: '人民路',
        latitude: 34.26,
        longitude: 108.94,
        requiredHeadcount: 3,
        capacity: 10,
        createdById: w.organiserA.id,
      },
    })
    const report = await reportIn(t, w, 'assigned')
    ids.activity = activity.id
    ids.schedule = schedule.id
    ids.attendance = attendance.id
    ids.report = report
    intruder = w.organiserB.id
    const otherCommunity = await makeCommunity(p)
    communityIntruder = (await makeUser(p, { organiserOfCommunity: otherCommunity.id })).id
    expect(ASSIGN.action).toBe('assign')
  }, 120_000)
  afterAll(() => t.close())

  const snapshot = async () => {
    const p = t.db.prisma
    return {
      activity: await p.activity.findUniqueOrThrow({ where: { id: ids.activity }, select: { title: true, status: true, updatedAt: true } }),
      schedules: await p.schedule.count({ where: { deletedAt: null } }),
      attendance: await p.attendance.findMany({ orderBy: { id: 'asc' }, select: { id: true, status: true, updatedAt: true } }),
      events: await p.attendanceEvent.count(),
      points: await p.pointsEntry.count(),
      report: await p.report.findUniqueOrThrow({ where: { id: ids.report }, select: { status: true, version: true } }),
      reportEvents: await p.reportEvent.count(),
    }
  }

  const call = async (c: Case, id: number, userId: number) => {
    const [method, path] = c.key.split(' ')
    const url = path.replace(/:id/, String(id)) + (c.query ? `?${c.query}` : '')
    let req = t.http[method.toLowerCase() as 'get'](url).set('Authorization', `Bearer ${await t.tokenFor(userId)}`)
    if (c.body) req = req.send(c.body)
    return req
  }

  test('every id-taking route open to organisers or volunteers is classified here', () => {
    const open = allRoutes
      .map(routeKey)
      .filter((k) => /\/:[A-Za-z]+/.test(k) && POLICY[k] !== 'office')
      .sort()
    const classified = new Set([...CASES.map((c) => c.key), ...Object.keys(EXEMPT)])
    expect(open.filter((k) => !classified.has(k))).toEqual([])
    expect([...classified].filter((k) => !open.includes(k))).toEqual([])
  })

  test.each(CASES)('$key on another unit’s object: refused, nothing changes, and nothing leaks', async (c) => {
    const before = await snapshot()

    const theirs = await call(c, ids[c.id], intruder)
    const missing = await call(c, MISSING, intruder)
    const fromCommunity = await call(c, ids[c.id], communityIntruder)

    expect([403, 404]).toContain(theirs.status)
    expect([403, 404]).toContain(fromCommunity.status)
    expect(theirs.body.error?.code).toEqual(expect.any(String))
    if (c.hidden) {
      // someone else's looks exactly like nothing at all
      expect({ status: theirs.status, body: theirs.body }).toEqual({ status: missing.status, body: missing.body })
      expect({ status: fromCommunity.status, body: fromCommunity.body }).toEqual({ status: missing.status, body: missing.body })
    } else {
      expect(theirs.status).toBe(403)
      expect(theirs.body.error.code).toBe('forbidden')
    }
    expect(await snapshot()).toEqual(before)
  })

  test('POST /api/activities/:id/attendance by an organiser of another unit: 403 and no record', async () => {
    const before = await snapshot()
    const res = await t.http
      .post(`/api/activities/${ids.activity}/attendance`)
      .set('Authorization', `Bearer ${await t.tokenFor(intruder)}`)
      .send({ userId: volunteerId, checkInAt: new Date(Date.now() - 3_600_000).toISOString(), reason: '替别的单位补录' })

    expect(res.status).toBe(403)
    expect(await snapshot()).toEqual(before)
  })

  test('a volunteer opening a report that is not theirs gets the same answer as for a missing one', async () => {
    const [stranger] = await makeVolunteers(t.db.prisma, 1)
    const theirs = await post(t, stranger.id, `/api/reports/${ids.report}/accept`)
    const view = await t.http.get(`/api/reports/${ids.report}`).set('Authorization', `Bearer ${await t.tokenFor(stranger.id)}`)
    const missing = await t.http.get(`/api/reports/${MISSING}`).set('Authorization', `Bearer ${await t.tokenFor(stranger.id)}`)

    expect(theirs.status).toBe(403) // a volunteer is not an organiser at all: the role check answers first
    expect({ status: view.status, body: view.body }).toEqual({ status: missing.status, body: missing.body })
  })
})
