/**
 * The figures read two rollups (migration stats_rollup): attendance_days (per person, a bit per
 * China day with counted attendance) and hours_by_day (hours per community/unit and day, as
 * delta rows that compaction folds). A rollup must never disagree with the raw events. Proved
 * three ways, each after every step:
 *   - civic_rollup_mismatches() (the rollups against a set-based recount of the raw rows) is
 *     empty, and it is shown to catch a corrupted bit and a stray hours row;
 *   - the participation endpoint equals a figure counted from the raw rows by SQL written here;
 * over every kind of write the product makes (scan, check-out, record by hand, approve, reject,
 * correct, move a person, flip a type's duty flag, move or cancel an activity, close ended
 * activities, compact), over random sequences of raw writes (fast-check), and under concurrent
 * writers (on PostgreSQL truly concurrent; PGlite has one connection).
 */
import fc from 'fast-check'
import { chinaToday } from '@civic/shared'
import { type TestApp, createTestApp } from '../helpers/app'
import { makeType, makeVolunteers } from '../helpers/activities'
import { SITE, confirm, runningActivity, tokenFor } from '../helpers/checkin'
import { makeCommunity, makeUnit, makeUser } from '../helpers/factories'
import { testDbKind } from '../helpers/db'
import { closeEnded } from '../../server/src/modules/attendance/manage'
import { compactHours, rollupMismatches } from '../../server/src/modules/stats/rollup'

const HOUR = 3_600_000
const DAY_MS = 86_400_000
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)

interface Figure {
  participants: number
  volunteerHours: number
  dutyHours: number
}
type Figures = Record<string, Figure>

describe('the figures’ rollups agree with the raw rows', () => {
  let t: TestApp
  let office: { id: number }
  beforeAll(async () => {
    t = await createTestApp()
    office = await makeUser(t.db.prisma, { office: true })
  })
  afterAll(async () => {
    await t.close()
  })

  const bearer = async (userId: number) => `Bearer ${await t.tokenFor(userId)}`
  const today = chinaToday()
  /** periods around now: today alone, the month around it, a year ending today */
  const PERIODS: Array<[string, string]> = [
    [today, today],
    [addDays(today, -15), addDays(today, 15)],
    [addDays(today, -364), today],
  ]

  /** The reference: counted from the raw rows, by the rule (approved, not cancelled, the activity's China day). */
  async function rawFigures(groupBy: 'community' | 'unit', from: string, to: string): Promise<Figures> {
    const rows = await t.db.prisma.$queryRawUnsafe<Array<{ id: number; participants: number; vh: number; dh: number }>>(
      `SELECT u.${groupBy}_id AS id,
              count(DISTINCT t.user_id) FILTER (WHERE ${groupBy === 'community' ? 'NOT ty.duty' : 'true'})::int AS participants,
              COALESCE(SUM(t.hours) FILTER (WHERE NOT ty.duty), 0)::float8 AS vh,
              COALESCE(SUM(t.hours) FILTER (WHERE ty.duty), 0)::float8 AS dh
       FROM attendance t
       JOIN activity a ON a.id = t.activity_id
       JOIN activity_type ty ON ty.id = a.type_id
       JOIN app_user u ON u.id = t.user_id
       WHERE t.status = 'approved' AND a.status <> 'cancelled' AND u.${groupBy}_id IS NOT NULL
         AND (a.start_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN $1::date AND $2::date
       GROUP BY u.${groupBy}_id`,
      from,
      to,
    )
    return Object.fromEntries(
      rows
        .filter((r) => r.participants || r.vh || r.dh)
        .map((r) => [String(r.id), { participants: r.participants, volunteerHours: r.vh, dutyHours: r.dh }]),
    )
  }

  async function apiFigures(groupBy: 'community' | 'unit', from: string, to: string): Promise<Figures> {
    const res = await t.http
      .get(`/api/stats/participation?groupBy=${groupBy}&from=${from}&to=${to}`)
      .set('Authorization', await bearer(office.id))
    expect(res.status).toBe(200)
    return Object.fromEntries(
      (res.body.rows as Array<Figure & { id: number }>)
        .filter((r) => r.participants || r.volunteerHours || r.dutyHours)
        .map((r) => [String(r.id), { participants: r.participants, volunteerHours: r.volunteerHours, dutyHours: r.dutyHours }]),
    )
  }

  /** The rollups equal the recount, and the endpoint equals the raw figures, for every period. */
  async function agree(periods: Array<[string, string]> = PERIODS) {
    expect(await rollupMismatches(t.deps)).toEqual([])
    for (const [from, to] of periods) {
      for (const groupBy of ['community', 'unit'] as const) {
        expect({ groupBy, from, to, figures: await apiFigures(groupBy, from, to) }).toEqual({
          groupBy,
          from,
          to,
          figures: await rawFigures(groupBy, from, to),
        })
      }
    }
  }

  test('when the recount is handed a corrupted rollup, then it names the difference; a rebuild repairs it', async () => {
    const [c, u] = [await makeCommunity(t.db.prisma), await makeUnit(t.db.prisma)]
    const a = await runningActivity(t.db.prisma, 1, 3, { communityId: c.id })
    const [p] = await makeVolunteers(t.db.prisma, 1, { communityId: c.id, unitId: u.id })
    await t.db.prisma.attendance.create({
      data: { activityId: a.id, userId: p.id, source: 'scan', status: 'approved', checkInAt: a.startAt, hours: 1.5 },
    })
    await agree()
    // a day bit cleared, and hours nobody served
    await t.db.prisma.$executeRaw`UPDATE attendance_days SET any_days = B'0' || substring(any_days FROM 2) WHERE user_id = ${p.id}`
    await t.db.prisma.$executeRaw`INSERT INTO hours_by_day (scope, scope_id, day, volunteer_hours) VALUES ('c', ${c.id}, '2020-01-01', 2)`
    let found
    try {
      found = await rollupMismatches(t.deps)
    } finally {
      await t.db.prisma.$executeRaw`SELECT civic_rollup_rebuild()`
    }
    const day = (await t.db.prisma.$queryRaw<Array<{ day: string }>>`
      SELECT ((start_at AT TIME ZONE 'Asia/Shanghai')::date)::text AS day FROM activity WHERE id = ${a.id}`)[0].day
    expect(found).toEqual(
      expect.arrayContaining([
        { rollup: 'attendance_days', key: `user ${p.id} day ${day}`, stored: 'none', expected: 'volunteer' },
        { rollup: 'hours_by_day', key: `c ${c.id} day 2020-01-01`, stored: '2.0 / 0.0', expected: '0 / 0' },
      ]),
    )
    await agree()
  })

  test('when every kind of write the product makes happens, then after each the rollups and the figures agree', async () => {
    const c1 = await makeCommunity(t.db.prisma, { name: '卷积社区' })
    const c2 = await makeCommunity(t.db.prisma, { name: '汇总社区' })
    const unit = await makeUnit(t.db.prisma)
    const activity = await runningActivity(t.db.prisma, 2, 3, { communityId: c1.id, unitId: unit.id })
    const recorder = await makeUser(t.db.prisma, { organiserOfUnit: unit.id })
    const approver = await makeUser(t.db.prisma, { organiserOfUnit: unit.id })
    const people = await makeVolunteers(t.db.prisma, 6, { communityId: c1.id, unitId: unit.id })
    await confirm(t.db.prisma, activity.id, people.map((p) => p.id))

    // scans: check-in, then check-out for two of them
    for (const p of people.slice(0, 4)) {
      const res = await t.http
        .post('/api/attendance/scan')
        .set('Authorization', await bearer(p.id))
        .send({ token: tokenFor(t, activity.id, 'in'), ...SITE })
      expect([res.status, res.body.error?.code]).toEqual([200, undefined])
    }
    await agree()
    for (const p of people.slice(0, 2)) {
      const res = await t.http
        .post('/api/attendance/scan')
        .set('Authorization', await bearer(p.id))
        .send({ token: tokenFor(t, activity.id, 'out'), ...SITE })
      expect(res.status).toBe(200)
    }
    expect(await t.db.prisma.hoursByDay.count()).toBeGreaterThan(0)
    await agree()

    // by hand: pending (does not count), then approved; another rejected
    const record = async (userId: number, hours: number) =>
      t.http
        .post(`/api/activities/${activity.id}/attendance`)
        .set('Authorization', await bearer(recorder.id))
        .send({
          userId,
          checkInAt: activity.startAt.toISOString(),
          checkOutAt: new Date(activity.startAt.getTime() + hours * HOUR).toISOString(),
          reason: '手机没电，现场登记',
        })
    const byHand = await record(people[4].id, 2)
    expect(byHand.status).toBe(201)
    await agree()
    expect((await t.http.post(`/api/attendance/${byHand.body.id}/approve`).set('Authorization', await bearer(approver.id))).status).toBe(200)
    await agree()
    const refused = await record(people[5].id, 1)
    expect((await t.http.post(`/api/attendance/${refused.body.id}/reject`).set('Authorization', await bearer(approver.id)).send({ reason: '不在现场' })).status).toBe(200)
    await agree()

    // a correction of a credited record (pending again until approved)
    const corrected = await record(people[0].id, 1)
    expect(corrected.status).toBe(201)
    await agree()
    expect((await t.http.post(`/api/attendance/${corrected.body.id}/approve`).set('Authorization', await bearer(approver.id))).status).toBe(200)
    await agree()

    // a person moves to another community and leaves the unit
    const moved = await t.http
      .put('/api/me/profile')
      .set('Authorization', await bearer(people[1].id))
      .send({ realName: '搬家人', gender: 'female', birthYear: 1990, communityId: c2.id, unitId: null })
    expect(moved.status).toBe(200)
    await agree()

    // the type becomes a duty (周上街) type: hours move from volunteer to duty, residents stop counting
    const typed = await t.http.patch(`/api/activity-types/${activity.typeId}`).set('Authorization', await bearer(office.id)).send({ duty: true })
    expect(typed.status).toBe(200)
    await agree()
    await t.http.patch(`/api/activity-types/${activity.typeId}`).set('Authorization', await bearer(office.id)).send({ duty: false })
    await agree()

    // the activity moves to yesterday (China day) — raw SQL: the API keeps started activities in place
    await t.db.prisma.$executeRaw`UPDATE activity SET start_at = start_at - interval '1 day', end_at = end_at - interval '1 day', signup_deadline = signup_deadline - interval '1 day' WHERE id = ${activity.id}`
    await agree()

    // an ended activity closes: confirmed sign-ups without check-in become no-shows
    const ended = await runningActivity(t.db.prisma, 30, 2, { communityId: c1.id, unitId: unit.id })
    await confirm(t.db.prisma, ended.id, [people[2].id, people[3].id])
    await t.db.prisma.attendance.create({
      data: { activityId: ended.id, userId: people[2].id, source: 'scan', status: 'approved', checkInAt: ended.startAt, checkOutAt: ended.endAt, hours: 2 },
    })
    await closeEnded(t.deps)
    expect(await t.db.prisma.attendance.count({ where: { activityId: ended.id, status: 'no_show' } })).toBe(1)
    await agree()

    // cancelled: nothing of it counts any more (raw SQL: the API cancels only activities not yet started)
    await t.db.prisma.activity.update({ where: { id: activity.id }, data: { status: 'cancelled' } })
    await agree()
    await t.db.prisma.activity.update({ where: { id: activity.id }, data: { status: 'published' } })
    await agree()

    // compaction folds the deltas and changes no sum
    const before = await t.db.prisma.hoursByDay.count()
    const folded = await compactHours(t.deps)
    expect(folded).toBeGreaterThan(0)
    expect(await t.db.prisma.hoursByDay.count()).toBe(before - folded)
    const perKey = await t.db.prisma.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM hours_by_day GROUP BY scope, scope_id, day HAVING count(*) > 1`
    expect(perKey).toEqual([])
    await agree()
  })

  test('when random sequences of raw writes happen (fast-check), then the rollups and the figures always agree', async () => {
    const communities = [await makeCommunity(t.db.prisma), await makeCommunity(t.db.prisma)]
    const units = [await makeUnit(t.db.prisma), await makeUnit(t.db.prisma)]
    const types = [await makeType(t.db.prisma), await makeType(t.db.prisma, { duty: true })]
    const people = [
      ...(await makeVolunteers(t.db.prisma, 3, { communityId: communities[0].id })),
      ...(await makeVolunteers(t.db.prisma, 2, { communityId: communities[1].id, unitId: units[0].id })),
      ...(await makeVolunteers(t.db.prisma, 2, { unitId: units[1].id })),
    ]
    const activities = [] as Array<{ id: number }>
    for (let i = 0; i < 4; i++) activities.push(await runningActivity(t.db.prisma, 24 * i + 1, 2, { communityId: communities[i % 2].id }))
    const ids = activities.map((a) => a.id)
    const pids = people.map((p) => p.id)
    const STATUSES = ['approved', 'pending', 'rejected', 'no_show'] as const

    const op = fc.oneof(
      fc.record({ k: fc.constant('upsert' as const), a: fc.nat(3), p: fc.nat(6), s: fc.constantFrom(...STATUSES), h: fc.integer({ min: 0, max: 40 }) }),
      fc.record({ k: fc.constant('status' as const), a: fc.nat(3), s: fc.constantFrom(...STATUSES) }),
      fc.record({ k: fc.constant('delete' as const), a: fc.nat(3), p: fc.nat(6) }),
      fc.record({ k: fc.constant('cancel' as const), a: fc.nat(3), on: fc.boolean() }),
      fc.record({ k: fc.constant('shift' as const), a: fc.nat(3), days: fc.integer({ min: -40, max: 40 }) }),
      fc.record({ k: fc.constant('retype' as const), a: fc.nat(3), ty: fc.nat(1) }),
      fc.record({ k: fc.constant('duty' as const), ty: fc.nat(1), on: fc.boolean() }),
      fc.record({ k: fc.constant('move' as const), p: fc.nat(6), c: fc.option(fc.nat(1)), u: fc.option(fc.nat(1)) }),
      fc.constant({ k: 'compact' as const }),
    )
    type Op = typeof op extends fc.Arbitrary<infer T> ? T : never

    async function apply(o: Op) {
      const p = t.db.prisma
      switch (o.k) {
        case 'upsert':
          await p.$executeRaw`
            INSERT INTO attendance (activity_id, user_id, source, status, hours, updated_at)
            VALUES (${ids[o.a]}, ${pids[o.p]}, 'manual', ${o.s}::"AttendanceStatus", ${o.h / 10}, now())
            ON CONFLICT (activity_id, user_id) DO UPDATE SET status = excluded.status, hours = excluded.hours`
          return
        case 'status':
          await p.$executeRaw`UPDATE attendance SET status = ${o.s}::"AttendanceStatus" WHERE activity_id = ${ids[o.a]}`
          return
        case 'delete':
          await p.$executeRaw`DELETE FROM attendance WHERE activity_id = ${ids[o.a]} AND user_id = ${pids[o.p]}`
          return
        case 'cancel':
          await p.$executeRaw`UPDATE activity SET status = ${o.on ? 'cancelled' : 'published'}::"ActivityStatus" WHERE id = ${ids[o.a]}`
          return
        case 'shift':
          await p.$executeRaw`UPDATE activity SET start_at = start_at + make_interval(days => ${o.days}), end_at = end_at + make_interval(days => ${o.days}),
                                 signup_deadline = signup_deadline + make_interval(days => ${o.days}) WHERE id = ${ids[o.a]}`
          return
        case 'retype':
          await p.$executeRaw`UPDATE activity SET type_id = ${types[o.ty].id} WHERE id = ${ids[o.a]}`
          return
        case 'duty':
          await p.$executeRaw`UPDATE activity_type SET duty = ${o.on} WHERE id = ${types[o.ty].id}`
          return
        case 'move':
          await p.$executeRaw`UPDATE app_user SET community_id = ${o.c == null ? null : communities[o.c].id}, unit_id = ${o.u == null ? null : units[o.u].id} WHERE id = ${pids[o.p]}`
          return
        case 'compact':
          await compactHours(t.deps)
      }
    }

    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), fc.integer({ min: -60, max: 0 }), fc.integer({ min: 0, max: 60 }), async (ops, back, span) => {
        for (const o of ops) await apply(o)
        const from = addDays(today, back)
        await agree([[from, addDays(from, span)]])
      }),
      { numRuns: 60 },
    )
  })

  test(`when one person’s attendance on many days is written, rejected and moved at once (${testDbKind()}), then no day and no hour is lost`, async () => {
    // each person's rollup row is recomputed from their raw rows: without the row lock two
    // writers for the same person would each miss the other's day; without the activity lock a
    // cancellation would miss hours written beside it
    const [c1, c2] = [await makeCommunity(t.db.prisma), await makeCommunity(t.db.prisma)]
    const people = await makeVolunteers(t.db.prisma, 6, { communityId: c1.id })
    const days = 10
    const activities = [] as Array<{ id: number }>
    for (let d = 0; d < days; d++) activities.push(await runningActivity(t.db.prisma, 24 * d + 1, 2, { communityId: c1.id }))
    const p = t.db.prisma
    const write = (activityId: number, userId: number, hours: number) =>
      p.$executeRaw`INSERT INTO attendance (activity_id, user_id, source, status, hours, updated_at)
                    VALUES (${activityId}, ${userId}, 'scan', 'approved', ${hours}, now())`
    await Promise.all(people.flatMap((person, i) => activities.map((a, d) => write(a.id, person.id, ((i + d) % 4) + 0.5))))
    await agree()
    await Promise.all([
      // every other record rejected, the rest given other hours, people moved, two activities cancelled
      ...activities.flatMap((a, d) =>
        people.map((person, i) =>
          (i + d) % 2
            ? p.$executeRaw`UPDATE attendance SET status = 'rejected' WHERE activity_id = ${a.id} AND user_id = ${person.id}`
            : p.$executeRaw`UPDATE attendance SET hours = hours + 1 WHERE activity_id = ${a.id} AND user_id = ${person.id}`,
        ),
      ),
      ...people.map((person, i) => p.$executeRaw`UPDATE app_user SET community_id = ${i % 2 ? c2.id : null} WHERE id = ${person.id}`),
      p.$executeRaw`UPDATE activity SET status = 'cancelled' WHERE id = ${activities[3].id}`,
      p.$executeRaw`UPDATE activity SET status = 'cancelled' WHERE id = ${activities[7].id}`,
    ])
    await agree()
    // activities cancelled and restored while their records are approved, rejected and given hours
    for (let round = 0; round < 4; round++) {
      await Promise.all([
        ...activities.map((a, d) =>
          p.$executeRaw`UPDATE activity SET status = ${(round + d) % 2 ? 'cancelled' : 'published'}::"ActivityStatus" WHERE id = ${a.id}`,
        ),
        ...activities.flatMap((a) =>
          people.map(
            (person) => p.$executeRaw`
              UPDATE attendance SET hours = hours + 0.5,
                     status = (CASE WHEN status = 'approved' THEN 'rejected' ELSE 'approved' END)::"AttendanceStatus"
              WHERE activity_id = ${a.id} AND user_id = ${person.id}`,
          ),
        ),
      ])
      await agree([[addDays(today, -15), today]])
    }
  })

  test(`when an activity is cancelled while a record of it is being approved (${testDbKind()}), then the cancellation waits for it and the rollups agree`, async () => {
    // the approval's transaction stays open: on PostgreSQL the cancellation must wait for it
    // (the trigger takes the activity FOR UPDATE) — without that it would miss the newly
    // counted record and leave its day and hours in the rollups. PGlite has one connection:
    // there the two run one after the other.
    const c = await makeCommunity(t.db.prisma)
    const a = await runningActivity(t.db.prisma, 1, 3, { communityId: c.id })
    const [person] = await makeVolunteers(t.db.prisma, 1, { communityId: c.id })
    const p = t.db.prisma
    await p.attendance.create({ data: { activityId: a.id, userId: person.id, source: 'manual', status: 'pending', hours: 2, reason: '补录' } })
    let approved!: () => void
    let release!: () => void
    const updated = new Promise<void>((resolve) => (approved = resolve))
    const gate = new Promise<void>((resolve) => (release = resolve))
    const approval = p.$transaction(async (tx) => {
      await tx.$executeRaw`UPDATE attendance SET status = 'approved' WHERE activity_id = ${a.id}`
      approved()
      await gate
    })
    await updated
    let cancelled = false
    const cancel = p.$executeRaw`UPDATE activity SET status = 'cancelled' WHERE id = ${a.id}`.then(() => (cancelled = true))
    if (testDbKind() === 'postgres') {
      // until the cancellation is seen waiting for a lock (or, if it does not wait, has finished)
      for (;;) {
        const [w] = await p.$queryRaw<Array<{ n: number }>>`
          SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE activity SET status%'`
        if (w.n > 0 || cancelled) break
        await new Promise((resolve) => setImmediate(resolve))
      }
    }
    release()
    await approval
    await cancel
    await agree()
  })

  test(`when scans, check-outs, rejections, moves, a cancellation and compaction run at once (${testDbKind()}), then the rollups agree`, async () => {
    const c = await makeCommunity(t.db.prisma)
    const c2 = await makeCommunity(t.db.prisma)
    const unit = await makeUnit(t.db.prisma)
    const a = await runningActivity(t.db.prisma, 2, 3, { communityId: c.id, unitId: unit.id })
    const b = await runningActivity(t.db.prisma, 2, 3, { communityId: c.id, unitId: unit.id })
    const approver = await makeUser(t.db.prisma, { organiserOfUnit: unit.id })
    const people = await makeVolunteers(t.db.prisma, 40, { communityId: c.id, unitId: unit.id })
    await confirm(t.db.prisma, a.id, people.map((p) => p.id))
    await confirm(t.db.prisma, b.id, people.map((p) => p.id))
    // half already checked in to a (they check out during the burst); by-hand records on b to reject
    for (const p of people.slice(0, 20)) {
      await t.db.prisma.attendance.create({ data: { activityId: a.id, userId: p.id, source: 'scan', status: 'approved', checkInAt: a.startAt } })
    }
    const pending = await Promise.all(
      people.slice(20, 30).map((p) =>
        t.db.prisma.attendance.create({
          data: { activityId: b.id, userId: p.id, source: 'manual', status: 'approved', checkInAt: b.startAt, checkOutAt: new Date(b.startAt.getTime() + HOUR), hours: 1, reason: '补录' },
        }),
      ),
    )
    await agree()
    const scan = async (userId: number, activityId: number, mode: 'in' | 'out') =>
      t.http.post('/api/attendance/scan').set('Authorization', await bearer(userId)).send({ token: tokenFor(t, activityId, mode), ...SITE })
    const jobs: Array<Promise<unknown>> = [
      ...people.slice(0, 20).map((p) => scan(p.id, a.id, 'out')),
      ...people.slice(20).map((p) => scan(p.id, a.id, 'in')),
      ...people.slice(30).map((p) => scan(p.id, b.id, 'in')),
      ...pending.map(async (r) => t.http.post(`/api/attendance/${r.id}/reject`).set('Authorization', await bearer(approver.id)).send({ reason: '核实不在现场' })),
      ...people.slice(0, 40).filter((_, i) => i % 4 === 0).map((p) => t.db.prisma.user.update({ where: { id: p.id }, data: { communityId: c2.id } })),
      t.db.prisma.activity.update({ where: { id: b.id }, data: { status: 'cancelled' } }),
      compactHours(t.deps),
      compactHours(t.deps),
    ]
    const results = await Promise.all(jobs)
    const statuses = results.flatMap((r) => (r && typeof r === 'object' && 'status' in r ? [(r as { status: number }).status] : []))
    // every request is answered; a scan or rejection of b after its cancellation is refused with a 4xx, never a 5xx
    expect(statuses.filter((s) => s >= 500)).toEqual([])
    expect(await t.db.prisma.attendance.count({ where: { activityId: a.id, status: 'approved' } })).toBe(40)
    await agree()
    await compactHours(t.deps)
    await agree()
  })
})
