/**
 * The office's figures on a small city built by hand. Every expected figure is computed here by
 * counting the fixture (a reference model written without the server's code), never typed in:
 * participation by community, unit and pairing, the weekly trend, 周上街 compliance, the city and
 * the 红黑榜. The fixture holds the awkward cases: a check-in at 23:30 Sunday China time (15:30
 * UTC) that belongs to that week, an activity at 00:30 Monday China time (Sunday in UTC) that
 * belongs to the next, pending and rejected records by hand, a no-show, cancelled activities, people
 * who are both residents and unit staff, a unit with headcount 0, a community nobody registered in,
 * activities just outside the period. The same figures are then computed in child processes
 * with TZ=UTC and TZ=America/Los_Angeles (and, on PostgreSQL, the session's TimeZone set to Los
 * Angeles) and must be identical. Access: organisers see their own rows; volunteers get 403.
 */
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { promisify } from 'node:util'
import { type TestApp, createTestApp } from '../helpers/app'
import { makeCommunity, makeUnit, makeUser } from '../helpers/factories'
import { testDbKind } from '../helpers/db'
import { rankList } from '../../server/src/modules/stats/rankings'
import { weeksOf } from '../../server/src/modules/stats/period'

const ROOT = path.resolve(__dirname, '..', '..')
const FROM = '2026-10-05'
const TO = '2026-11-01'

// ---------------------------------------------------------------- the fixture, as data

/** `YYYY-MM-DD HH:mm` on a Chinese wall clock */
type Wall = string
/** China is UTC+8 all year: no library needed */
const instant = (w: Wall) => new Date(`${w.slice(0, 10)}T${w.slice(11)}:00+08:00`)

const COMMUNITIES = {
  C1: { name: '东风社区', residentPopulation: 1000 },
  C2: { name: '西湖社区', residentPopulation: null },
  // nobody registered here; a name that would be a formula in Excel
  C3: { name: '=HYPERLINK("http://evil.example","点我")', residentPopulation: 500 },
} as const
type C = keyof typeof COMMUNITIES

const UNITS = {
  U1: { name: '区教育局', headcount: 10 },
  U2: { name: '区档案馆', headcount: 0 },
  U3: { name: '区公安分局', headcount: 5 },
} as const
type U = keyof typeof UNITS

const PAIRINGS: Array<[U, C]> = [
  ['U1', 'C1'],
  ['U1', 'C2'],
  ['U3', 'C2'],
]

interface PersonSpec {
  community?: C
  unit?: U
  name?: string
  phone?: string
  idNumber?: string
  office?: boolean
  organiserOfUnit?: U
  organiserOfCommunity?: C
}
const PEOPLE: Record<string, PersonSpec> = {
  r1: { community: 'C1' },
  r2: { community: 'C1' },
  r3: { community: 'C1' },
  r4: { community: 'C1' },
  r7: { community: 'C1' },
  r5: { community: 'C2' },
  r6: { community: 'C2' },
  s1: { unit: 'U1', name: '王一', phone: '13812345678', idNumber: '110101199003071234' },
  s2: { unit: 'U1' },
  s3: { unit: 'U1', name: '@SUM(A1:A2)' },
  s4: { unit: 'U2' },
  s5: { unit: 'U3' },
  s6: { unit: 'U3' },
  // both a resident and unit staff
  b1: { community: 'C1', unit: 'U1' },
  b2: { community: 'C2', unit: 'U3' },
  office: { office: true },
  orgU1: { organiserOfUnit: 'U1' },
  orgC2: { organiserOfCommunity: 'C2' },
  vol: {},
}
type P = keyof typeof PEOPLE

interface ActivitySpec {
  duty?: boolean
  unit?: U
  organiserCommunity?: C
  community: C
  start: Wall
  end: Wall
  cancelled?: boolean
  required?: number | null
}
const ACTIVITIES: Record<string, ActivitySpec> = {
  A1: { unit: 'U1', community: 'C1', start: '2026-10-05 09:00', end: '2026-10-05 11:00' },
  // starts 23:00 Sunday China time; the check-in below is at 23:30 Sunday (15:30 UTC Sunday): that week
  A2: { organiserCommunity: 'C1', community: 'C1', start: '2026-10-11 23:00', end: '2026-10-12 00:30' },
  // 00:30 Monday China time is still Sunday in UTC: the next week
  A3: { unit: 'U1', community: 'C1', start: '2026-10-12 00:30', end: '2026-10-12 02:00' },
  A4: { unit: 'U1', community: 'C2', start: '2026-10-14 09:00', end: '2026-10-14 12:00', cancelled: true },
  A5: { unit: 'U3', community: 'C2', start: '2026-10-21 14:00', end: '2026-10-21 16:00' },
  A6: { unit: 'U1', community: 'C2', start: '2026-10-28 09:00', end: '2026-10-28 11:00' },
  // the day after the period
  A7: { organiserCommunity: 'C2', community: 'C2', start: '2026-11-02 10:00', end: '2026-11-02 12:00' },
  // the Sunday before the period, 23:00 China time
  A8: { organiserCommunity: 'C1', community: 'C1', start: '2026-10-04 23:00', end: '2026-10-05 00:30' },
  // 00:10 on the period's first day in China (still the day before in UTC): inside
  A9: { unit: 'U1', community: 'C1', start: '2026-10-05 00:10', end: '2026-10-05 01:30' },
  // 周上街
  D1: { duty: true, unit: 'U1', community: 'C1', start: '2026-10-07 08:00', end: '2026-10-07 10:00', required: 3 },
  D2: { duty: true, unit: 'U1', community: 'C1', start: '2026-10-13 08:00', end: '2026-10-13 10:00', required: 3 },
  D3: { duty: true, unit: 'U1', community: 'C2', start: '2026-10-16 08:00', end: '2026-10-16 10:00', required: 2 },
  D4: { duty: true, unit: 'U1', community: 'C1', start: '2026-10-20 08:00', end: '2026-10-20 10:00', required: 3, cancelled: true },
  D5: { duty: true, unit: 'U3', community: 'C2', start: '2026-10-22 08:00', end: '2026-10-22 10:00', required: 1 },
  D6: { duty: true, unit: 'U3', community: 'C2', start: '2026-10-29 08:00', end: '2026-10-29 10:00', required: 2 },
  D7: { duty: true, unit: 'U1', community: 'C1', start: '2026-10-31 08:00', end: '2026-10-31 10:00', required: 2 },
  D9: { duty: true, unit: 'U3', community: 'C2', start: '2026-10-08 08:00', end: '2026-10-08 10:00', required: null },
}
type A = keyof typeof ACTIVITIES

type Status = 'approved' | 'pending' | 'rejected' | 'no_show'
interface AttendanceSpec {
  person: P
  activity: A
  status: Status
  hours: number
  /** default: the activity's start; null: never checked in */
  checkIn?: Wall | null
}
const att = (activity: A, person: P, hours: number, status: Status = 'approved', checkIn?: Wall | null): AttendanceSpec => ({
  activity,
  person,
  hours,
  status,
  checkIn,
})
const ATTENDANCE: AttendanceSpec[] = [
  att('A1', 'r1', 2),
  att('A1', 'r2', 1.5),
  att('A1', 'b1', 2),
  att('A1', 's1', 2),
  att('A1', 'r3', 2, 'pending'), // recorded by hand, not approved: never counts
  att('A1', 'r4', 2, 'rejected'),
  att('A2', 'r3', 1, 'approved', '2026-10-11 23:30'),
  att('A3', 'r1', 0.5),
  att('A3', 's2', 1),
  att('A4', 'r5', 3), // cancelled activity
  att('A4', 's2', 3),
  att('A5', 'r5', 2),
  att('A5', 's5', 1.5),
  att('A5', 's4', 1),
  att('A5', 'b2', 2),
  att('A6', 'r6', 1.5),
  att('A6', 's3', 1.5),
  att('A6', 'r5', 0, 'no_show', null),
  att('A7', 'r6', 2),
  att('A7', 's1', 2),
  att('A8', 'r2', 1),
  att('A9', 'r4', 1),
  att('D1', 's1', 2),
  att('D1', 's2', 2),
  att('D1', 'b1', 2),
  att('D1', 'r6', 2), // not staff of the unit: does not make up its number
  att('D2', 's1', 2),
  att('D2', 's2', 2, 'pending'),
  att('D3', 's3', 2),
  att('D4', 's1', 2), // cancelled duty: no requirement that week
  att('D4', 's2', 2),
  att('D4', 's3', 2),
  att('D5', 's5', 2),
  att('D6', 's5', 2),
  att('D6', 's4', 2), // staff of another unit
  att('D7', 's1', 2),
  att('D7', 's2', 2, 'approved', null), // approved but never checked in: not on duty
  att('D9', 's5', 2),
]

// ---------------------------------------------------------------- the reference model

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits
const ratio = (part: number, whole: number | null | undefined) => (whole == null || whole <= 0 ? null : round(part / whole, 4))
const h1 = (n: number) => round(n, 1)
const per = (total: number, people: number) => (people <= 0 ? null : round(total / people, 2))
const sum = <T>(xs: T[], f: (x: T) => number) => xs.reduce((s, x) => s + f(x), 0)
const distinct = <T>(xs: T[]) => [...new Set(xs)]
const collator = new Intl.Collator('zh-CN')

const dateOf = (w: Wall) => w.slice(0, 10)
const inPeriod = (a: ActivitySpec) => dateOf(a.start) >= FROM && dateOf(a.start) <= TO
/** Monday of the China date's week, by plain calendar arithmetic */
function mondayOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`)
  const back = (d.getUTCDay() + 6) % 7
  return new Date(d.getTime() - back * 86_400_000).toISOString().slice(0, 10)
}
/** ISO week key from a Monday (the week's Thursday decides the year) */
function isoWeek(monday: string): string {
  const thu = new Date(Date.parse(`${monday}T00:00:00Z`) + 3 * 86_400_000)
  const jan1 = Date.UTC(thu.getUTCFullYear(), 0, 1)
  const week = Math.floor((thu.getTime() - jan1) / 86_400_000 / 7) + 1
  return `${thu.getUTCFullYear()}-W${String(week).padStart(2, '0')}`
}
function mondaysOfPeriod(): string[] {
  const out: string[] = []
  for (let m = mondayOf(FROM); m <= TO; m = new Date(Date.parse(`${m}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10)) out.push(m)
  return out
}

const act = (s: AttendanceSpec) => ACTIVITIES[s.activity]
const counted = ATTENDANCE.filter((s) => s.status === 'approved' && !act(s).cancelled && inPeriod(act(s)))
const vol = (s: AttendanceSpec) => !act(s).duty
const people = Object.keys(PEOPLE) as P[]

function expectedCommunity(c: C) {
  const residents = people.filter((p) => PEOPLE[p].community === c)
  const mine = counted.filter((s) => PEOPLE[s.person].community === c)
  const participants = distinct(mine.filter(vol).map((s) => s.person)).length
  const vh = sum(mine.filter(vol), (s) => s.hours)
  const population = COMMUNITIES[c].residentPopulation
  return {
    name: COMMUNITIES[c].name,
    registered: residents.length,
    residentPopulation: population,
    participants,
    rate: ratio(participants, residents.length),
    populationRate: ratio(participants, population),
    volunteerHours: h1(vh),
    dutyHours: h1(sum(mine.filter((s) => !vol(s)), (s) => s.hours)),
    hoursPerRegistered: per(vh, residents.length),
  }
}

function expectedUnit(u: U) {
  const staff = people.filter((p) => PEOPLE[p].unit === u)
  const mine = counted.filter((s) => PEOPLE[s.person].unit === u)
  const participants = distinct(mine.map((s) => s.person)).length
  return {
    name: UNITS[u].name,
    registered: staff.length,
    headcount: UNITS[u].headcount,
    participants,
    rate: ratio(participants, UNITS[u].headcount),
    volunteerHours: h1(sum(mine.filter(vol), (s) => s.hours)),
    dutyHours: h1(sum(mine.filter((s) => !vol(s)), (s) => s.hours)),
  }
}

function pairingAttendance(u: U, c: C) {
  return counted.filter((s) => act(s).unit === u && act(s).community === c)
}
function expectedPairing(u: U, c: C) {
  const activities = (Object.keys(ACTIVITIES) as A[]).filter((k) => {
    const a = ACTIVITIES[k]
    return a.unit === u && a.community === c && !a.cancelled && inPeriod(a)
  })
  const mine = pairingAttendance(u, c)
  const vh = sum(mine.filter(vol), (s) => s.hours)
  const dh = sum(mine.filter((s) => !vol(s)), (s) => s.hours)
  return {
    name: `${UNITS[u].name} — ${COMMUNITIES[c].name}`,
    activities: activities.length,
    participants: distinct(mine.map((s) => s.person)).length,
    volunteerHours: h1(vh),
    dutyHours: h1(dh),
    personHours: h1(vh + dh),
  }
}

function expectedWeekly(filter: (p: P) => boolean) {
  return mondaysOfPeriod().map((monday) => {
    const mine = counted.filter((s) => filter(s.person) && mondayOf(dateOf(act(s).start)) === monday)
    return {
      week: isoWeek(monday),
      monday,
      participants: distinct(mine.map((s) => s.person)).length,
      volunteers: distinct(mine.filter(vol).map((s) => s.person)).length,
      attendances: mine.length,
      volunteerHours: h1(sum(mine.filter(vol), (s) => s.hours)),
      dutyHours: h1(sum(mine.filter((s) => !vol(s)), (s) => s.hours)),
    }
  })
}

function expectedDuty(u: U) {
  const weeks = mondaysOfPeriod().map((monday) => {
    const duties = (Object.keys(ACTIVITIES) as A[]).filter((k) => {
      const a = ACTIVITIES[k]
      return a.duty && a.unit === u && !a.cancelled && inPeriod(a) && mondayOf(dateOf(a.start)) === monday
    })
    const required = Math.max(0, ...duties.map((k) => ACTIVITIES[k].required ?? 0))
    const onDuty = distinct(
      ATTENDANCE.filter((s) => duties.includes(s.activity) && s.status === 'approved' && s.checkIn !== null && PEOPLE[s.person].unit === u).map(
        (s) => s.person,
      ),
    ).length
    return { week: isoWeek(monday), monday, onDuty, required, met: required > 0 ? onDuty >= required : null }
  })
  const weeksRequired = weeks.filter((w) => w.met !== null).length
  const weeksMet = weeks.filter((w) => w.met === true).length
  return { name: UNITS[u].name, weeksRequired, weeksMet, compliance: ratio(weeksMet, weeksRequired), weeks }
}

// ---------------------------------------------------------------- building it

interface World {
  community: Record<C, number>
  unit: Record<U, number>
  pairing: Array<{ id: number; u: U; c: C }>
  person: Record<P, number>
}

async function build(t: TestApp): Promise<World> {
  const prisma = t.db.prisma
  const community = {} as Record<C, number>
  for (const [k, v] of Object.entries(COMMUNITIES)) community[k as C] = (await makeCommunity(prisma, v)).id
  const unit = {} as Record<U, number>
  for (const [k, v] of Object.entries(UNITS)) unit[k as U] = (await makeUnit(prisma, v)).id
  const pairing = []
  for (const [u, c] of PAIRINGS) pairing.push({ id: (await prisma.pairing.create({ data: { unitId: unit[u], communityId: community[c] } })).id, u, c })
  const person = {} as Record<P, number>
  for (const [k, v] of Object.entries(PEOPLE)) {
    const user = await makeUser(prisma, {
      realName: v.name ?? `志愿者${k}`,
      communityId: v.community && community[v.community],
      unitId: v.unit && unit[v.unit],
      phone: v.phone,
      idNumber: v.idNumber,
      office: v.office,
      organiserOfUnit: v.organiserOfUnit && unit[v.organiserOfUnit],
      organiserOfCommunity: v.organiserOfCommunity && community[v.organiserOfCommunity],
    })
    person[k as P] = user.id
  }
  const volType = await prisma.activityType.create({ data: { name: '文明交通', duty: false } })
  const dutyType = await prisma.activityType.create({ data: { name: '周上街', duty: true } })
  const activity = {} as Record<A, number>
  for (const [k, a] of Object.entries(ACTIVITIES)) {
    const start = instant(a.start)
    const created = await prisma.activity.create({
      data: {
        shortKey: randomBytes(5).toString('hex'),
        title: `活动${k}`,
        typeId: a.duty ? dutyType.id : volType.id,
        organiserUnitId: a.unit ? unit[a.unit] : null,
        organiserCommunityId: a.organiserCommunity ? community[a.organiserCommunity] : null,
        communityId: community[a.community],
        address: '人民路',
        latitude: 34.26,
        longitude: 108.94,
        startAt: start,
        endAt: instant(a.end),
        capacity: 50,
        signupDeadline: start,
        requiredHeadcount: a.required ?? null,
        status: a.cancelled ? 'cancelled' : 'published',
        createdById: person.office,
      },
    })
    activity[k as A] = created.id
  }
  for (const s of ATTENDANCE) {
    const a = ACTIVITIES[s.activity]
    const checkIn = s.checkIn === null ? null : instant(s.checkIn ?? a.start)
    const byHand = s.status === 'pending' || s.status === 'rejected'
    await prisma.attendance.create({
      data: {
        activityId: activity[s.activity],
        userId: person[s.person],
        source: byHand ? 'manual' : 'scan',
        status: s.status,
        checkInAt: checkIn,
        checkOutAt: checkIn && s.hours > 0 ? new Date(checkIn.getTime() + s.hours * 3_600_000) : null,
        hours: s.hours,
        reason: byHand ? '现场登记' : null,
        recordedById: byHand ? person.orgU1 : null,
      },
    })
  }
  return { community, unit, pairing, person }
}

// ---------------------------------------------------------------- the tests

describe('the office’s figures on a hand-built city', () => {
  let t: TestApp
  let w: World
  const tokens: Partial<Record<P, string>> = {}
  const get = async (as: P, url: string) => t.http.get(url).set('Authorization', `Bearer ${tokens[as]}`)
  const period = `from=${FROM}&to=${TO}`

  beforeAll(async () => {
    t = await createTestApp()
    w = await build(t)
    for (const p of ['office', 'orgU1', 'orgC2', 'vol', 'r1'] as P[]) tokens[p] = await t.tokenFor(w.person[p])
  }, 120_000)
  afterAll(() => t.close())

  describe('the fixture exercises what it should', () => {
    test('when the fixture is counted, then it holds pending, rejected, no-show, cancelled and out-of-period records', () => {
      expect(ATTENDANCE.filter((s) => s.status === 'pending').length).toBeGreaterThan(0)
      expect(ATTENDANCE.filter((s) => s.status === 'approved' && act(s).cancelled).length).toBeGreaterThan(0)
      expect(ATTENDANCE.filter((s) => s.status === 'approved' && !inPeriod(act(s))).length).toBeGreaterThan(0)
      expect(instant('2026-10-11 23:30').toISOString()).toBe('2026-10-11T15:30:00.000Z')
      expect(new Date('2026-10-11T15:30:00Z').getUTCDay()).toBe(0)
    })
  })

  describe('weeks', () => {
    test('when a period crosses years, then weeks are ISO weeks by their Thursday (2026 has 53, 2021 starts on 4 January)', () => {
      expect(weeksOf('2026-12-30', '2027-01-11').map((x) => x.week)).toEqual(['2026-W53', '2027-W01', '2027-W02'])
      expect(weeksOf('2026-12-30', '2027-01-11').map((x) => x.monday)).toEqual(['2026-12-28', '2027-01-04', '2027-01-11'])
      expect(weeksOf('2021-01-03', '2021-01-04').map((x) => x.week)).toEqual(['2020-W53', '2021-W01'])
      expect(weeksOf('2024-12-30', '2024-12-31').map((x) => x.week)).toEqual(['2025-W01'])
      expect(mondaysOfPeriod().map(isoWeek)).toEqual(weeksOf(FROM, TO).map((x) => x.week))
    })
  })

  describe('participation', () => {
    test('when grouped by community, then each community’s residents are counted (volunteer activities only)', async () => {
      const res = await get('office', `/api/stats/participation?groupBy=community&${period}`)

      expect(res.status).toBe(200)
      const rows = res.body.rows
      for (const c of Object.keys(COMMUNITIES) as C[]) {
        expect(rows.find((r: { id: number }) => r.id === w.community[c])).toMatchObject(expectedCommunity(c))
      }
      expect(rows).toHaveLength(3)
      const all = (Object.keys(COMMUNITIES) as C[]).map(expectedCommunity)
      expect(res.body.totals).toMatchObject({
        registered: sum(all, (r) => r.registered),
        participants: sum(all, (r) => r.participants),
        rate: ratio(sum(all, (r) => r.participants), sum(all, (r) => r.registered)),
        volunteerHours: h1(sum(all, (r) => r.volunteerHours)),
      })
    })

    test('when a resident checked in at 23:30 Sunday China time, then that hour counts in the period and that week', async () => {
      const r3 = counted.filter((s) => s.person === 'r3')
      expect(r3.map((s) => s.activity)).toEqual(['A2'])

      const res = await get('office', `/api/stats/weekly?${period}&communityId=${w.community.C1}`)

      const sundayWeek = res.body.rows.find((r: { monday: string }) => r.monday === mondayOf('2026-10-11'))
      expect(sundayWeek.volunteerHours).toBe(expectedWeekly((p) => PEOPLE[p].community === 'C1').find((r) => r.monday === mondayOf('2026-10-11'))!.volunteerHours)
      expect(sundayWeek.volunteers).toBeGreaterThanOrEqual(2)
    })

    test('when grouped by unit, then staff count for volunteer and duty activities and headcount 0 gives a null rate', async () => {
      const res = await get('office', `/api/stats/participation?groupBy=unit&${period}`)

      expect(res.status).toBe(200)
      for (const u of Object.keys(UNITS) as U[]) {
        expect(res.body.rows.find((r: { id: number }) => r.id === w.unit[u])).toMatchObject(expectedUnit(u))
      }
      expect(res.body.rows.find((r: { id: number }) => r.id === w.unit.U2).rate).toBeNull()
      const all = (Object.keys(UNITS) as U[]).map(expectedUnit)
      expect(res.body.totals).toMatchObject({
        headcount: sum(all, (r) => r.headcount),
        participants: sum(all, (r) => r.participants),
        rate: ratio(sum(all, (r) => r.participants), sum(all, (r) => r.headcount)),
        dutyHours: h1(sum(all, (r) => r.dutyHours)),
      })
    })

    test('when a person is both resident and staff, then they count in their community and in their unit', async () => {
      const [byCommunity, byUnit] = await Promise.all([
        get('office', `/api/stats/participation?groupBy=community&${period}`),
        get('office', `/api/stats/participation?groupBy=unit&${period}`),
      ])

      expect(counted.some((s) => s.person === 'b1' && vol(s))).toBe(true)
      expect(byCommunity.body.rows.find((r: { id: number }) => r.id === w.community.C1).participants).toBe(expectedCommunity('C1').participants)
      expect(byUnit.body.rows.find((r: { id: number }) => r.id === w.unit.U1).participants).toBe(expectedUnit('U1').participants)
    })

    test('when grouped by pairing, then each pair shows its unit’s activities in that community, distinct people and person-hours', async () => {
      const res = await get('office', `/api/stats/participation?groupBy=pairing&${period}`)

      expect(res.status).toBe(200)
      expect(res.body.rows).toHaveLength(PAIRINGS.length)
      for (const p of w.pairing) {
        const row = res.body.rows.find((r: { id: number }) => r.id === p.id)
        expect(row).toMatchObject({ ...expectedPairing(p.u, p.c), unit: { id: w.unit[p.u] }, community: { id: w.community[p.c] } })
      }
      const everyone = distinct(PAIRINGS.flatMap(([u, c]) => pairingAttendance(u, c).map((s) => s.person)))
      expect(res.body.totals.participants).toBe(everyone.length)
      expect(res.body.totals.activities).toBe(sum(PAIRINGS, ([u, c]) => expectedPairing(u, c).activities))
    })
  })

  describe('weekly trend and the city', () => {
    test('when the city’s weeks are asked for, then there is one row per ISO week, empty weeks included', async () => {
      const res = await get('office', `/api/stats/weekly?${period}`)

      expect(res.status).toBe(200)
      expect(res.body.rows).toEqual(expectedWeekly(() => true))
    })

    test('when an activity starts 00:30 Monday China time (Sunday in UTC), then it falls in the new week', async () => {
      const res = await get('office', `/api/stats/weekly?${period}&unitId=${w.unit.U1}`)

      expect(res.body.rows).toEqual(expectedWeekly((p) => PEOPLE[p].unit === 'U1'))
      const a3week = res.body.rows.find((r: { monday: string }) => r.monday === '2026-10-12')
      expect(a3week.attendances).toBeGreaterThan(0)
    })

    test('when a community’s weeks are summed, then they equal its period figures', async () => {
      const [weeks, byCommunity] = await Promise.all([
        get('office', `/api/stats/weekly?${period}&communityId=${w.community.C2}`),
        get('office', `/api/stats/participation?groupBy=community&${period}`),
      ])

      const row = byCommunity.body.rows.find((r: { id: number }) => r.id === w.community.C2)
      expect(h1(sum(weeks.body.rows, (r: { volunteerHours: number }) => r.volunteerHours))).toBe(row.volunteerHours)
      expect(weeks.body.rows).toEqual(expectedWeekly((p) => PEOPLE[p].community === 'C2'))
    })

    test('when the city is asked for, then registered volunteers, the share served and hours per capita are counted', async () => {
      const res = await get('office', `/api/stats/city?${period}`)

      const served = distinct(counted.filter(vol).map((s) => s.person)).length
      const vh = sum(counted.filter(vol), (s) => s.hours)
      expect(res.body).toEqual({
        from: FROM,
        to: TO,
        registeredVolunteers: people.length,
        volunteersServed: served,
        shareServed: ratio(served, people.length),
        volunteerHours: h1(vh),
        dutyHours: h1(sum(counted.filter((s) => !vol(s)), (s) => s.hours)),
        hoursPerCapita: per(vh, people.length),
        weekly: expectedWeekly(() => true),
      })
    })
  })

  describe('周上街 compliance', () => {
    test('when compliance is asked for, then each unit and week has staff on duty against the largest required headcount', async () => {
      const res = await get('office', `/api/stats/street-duty?${period}`)

      expect(res.status).toBe(200)
      for (const u of Object.keys(UNITS) as U[]) {
        expect(res.body.units.find((r: { id: number }) => r.id === w.unit[u])).toEqual({ id: w.unit[u], ...expectedDuty(u) })
      }
      expect(res.body.weeks).toEqual(mondaysOfPeriod().map((m) => ({ week: isoWeek(m), monday: m })))
    })

    test('when the latest complete week is over, then the units that missed it are listed by name', async () => {
      const res = await get('office', `/api/stats/street-duty?${period}`)

      const latest = mondaysOfPeriod().at(-1)!
      expect(res.body.latestWeek).toEqual({ week: isoWeek(latest), monday: latest })
      const missed = (Object.keys(UNITS) as U[])
        .map((u) => ({ u, cell: expectedDuty(u).weeks.find((x) => x.monday === latest)! }))
        .filter((x) => x.cell.met === false)
        .map((x) => ({ id: w.unit[x.u], name: UNITS[x.u].name, onDuty: x.cell.onDuty, required: x.cell.required }))
        .sort((a, b) => collator.compare(a.name, b.name))
      expect(missed.length).toBeGreaterThan(0)
      expect(res.body.missedLatestWeek).toEqual(missed)
    })

    test('when the period ends mid-week, then that week is not the latest complete one', async () => {
      const res = await get('office', `/api/stats/street-duty?from=${FROM}&to=2026-10-29`)

      expect(res.body.latestWeek.monday).toBe('2026-10-19')
    })
  })

  describe('红黑榜', () => {
    test('when rankings are asked for, then they follow the participation and compliance figures, null rates unranked', async () => {
      const res = await get('office', `/api/stats/rankings?${period}`)

      expect(res.status).toBe(200)
      const units = (Object.keys(UNITS) as U[]).map((u) => ({ id: w.unit[u], name: UNITS[u].name, value: expectedUnit(u).rate }))
      const duty = (Object.keys(UNITS) as U[]).map((u) => ({ id: w.unit[u], name: UNITS[u].name, value: expectedDuty(u).compliance }))
      const communities = (Object.keys(COMMUNITIES) as C[]).map((c) => ({ id: w.community[c], name: COMMUNITIES[c].name, value: expectedCommunity(c).rate }))
      expect(res.body.unitsByParticipation).toEqual(referenceRanking(units))
      expect(res.body.unitsByCompliance).toEqual(referenceRanking(duty))
      expect(res.body.communitiesByParticipation).toEqual(referenceRanking(communities))
      expect(res.body.unitsByParticipation.unranked).toEqual([{ id: w.unit.U2, name: UNITS.U2.name }])
    })

    test('when many share a rate, then ties go by name, the top and bottom lists hold 10 each and never overlap', () => {
      const names = ['张', '李', '王', '赵', '钱', '孙', '周', '吴', '郑', '冯', '陈', '褚', '卫', '蒋', '沈', '韩', '杨', '朱', '秦', '尤', '许', '何', '吕']
      const items = names.map((n, i) => ({ id: i + 1, name: `${n}家单位`, value: i % 3 === 0 ? 0.5 : i % 3 === 1 ? 0.25 : null }))
      items.push({ id: 99, name: '阿单位', value: 0.5 })

      const list = rankList(items)

      expect(list).toEqual(referenceRanking(items))
      const ranked = items.filter((i) => i.value != null)
      expect(list.ranked).toBe(ranked.length)
      expect(list.top).toHaveLength(Math.min(10, Math.ceil(ranked.length / 2)))
      expect(list.top[0].name).toBe('阿单位')
      expect(new Set([...list.top, ...list.bottom].map((e) => e.id)).size).toBe(list.top.length + list.bottom.length)
    })

    test('when a pending record would lift a unit, then its rank does not change (unapproved hours never count)', async () => {
      const before = await get('office', `/api/stats/rankings?${period}`)
      const a = await t.db.prisma.activity.findFirstOrThrow({ where: { title: '活动A5' } })
      const extra = await makeUser(t.db.prisma, { unitId: w.unit.U3 })
      await t.db.prisma.attendance.create({
        data: { activityId: a.id, userId: extra.id, source: 'manual', status: 'pending', checkInAt: a.startAt, hours: 2, reason: '补录', recordedById: w.person.orgU1 },
      })

      const after = await get('office', `/api/stats/rankings?${period}`)

      expect(after.body.unitsByParticipation).toEqual(before.body.unitsByParticipation)
      await t.db.prisma.attendance.deleteMany({ where: { userId: extra.id } })
      await t.db.prisma.user.delete({ where: { id: extra.id } })
    })
  })

  describe('who sees what', () => {
    test('when a unit’s organiser asks, then only that unit’s rows and pairings come back', async () => {
      const [units, communities, pairings, duty] = await Promise.all([
        get('orgU1', `/api/stats/participation?groupBy=unit&${period}`),
        get('orgU1', `/api/stats/participation?groupBy=community&${period}`),
        get('orgU1', `/api/stats/participation?groupBy=pairing&${period}`),
        get('orgU1', `/api/stats/street-duty?${period}`),
      ])

      expect(units.body.rows.map((r: { id: number }) => r.id)).toEqual([w.unit.U1])
      expect(units.body.rows[0]).toMatchObject(expectedUnit('U1'))
      expect(units.body.totals.participants).toBe(expectedUnit('U1').participants)
      expect(communities.body.rows).toEqual([])
      expect(pairings.body.rows.map((r: { unit: { id: number } }) => r.unit.id)).toEqual([w.unit.U1, w.unit.U1])
      expect(duty.body.units.map((r: { id: number }) => r.id)).toEqual([w.unit.U1])
    })

    test('when a community’s organiser asks, then only that community and its pairings come back', async () => {
      const [communities, pairings, units] = await Promise.all([
        get('orgC2', `/api/stats/participation?groupBy=community&${period}`),
        get('orgC2', `/api/stats/participation?groupBy=pairing&${period}`),
        get('orgC2', `/api/stats/participation?groupBy=unit&${period}`),
      ])

      expect(communities.body.rows.map((r: { id: number }) => r.id)).toEqual([w.community.C2])
      expect(pairings.body.rows.map((r: { community: { id: number } }) => r.community.id)).toEqual([w.community.C2, w.community.C2])
      expect(units.body.rows).toEqual([])
    })

    test('when an organiser asks for a trend, then it must be of their own unit or community', async () => {
      const [none, other, own] = await Promise.all([
        get('orgU1', `/api/stats/weekly?${period}`),
        get('orgU1', `/api/stats/weekly?${period}&communityId=${w.community.C2}`),
        get('orgC2', `/api/stats/weekly?${period}&communityId=${w.community.C2}`),
      ])

      expect(none.status).toBe(400)
      expect(none.body.error.code).toBe('stats_scope_required')
      expect(other.status).toBe(403)
      expect(own.status).toBe(200)
      expect(own.body.rows).toEqual(expectedWeekly((p) => PEOPLE[p].community === 'C2'))
    })

    test('when an organiser asks for the city or the rankings, then 403', async () => {
      for (const url of [`/api/stats/city?${period}`, `/api/stats/rankings?${period}`]) {
        const res = await get('orgU1', url)
        expect(res.status).toBe(403)
      }
    })

    test('when a volunteer asks for any figure or export, then 403', async () => {
      const urls = [
        `/api/stats/participation?${period}`,
        `/api/stats/weekly?${period}`,
        `/api/stats/street-duty?${period}`,
        `/api/stats/city?${period}`,
        `/api/stats/rankings?${period}`,
        `/api/exports/participation.xlsx?${period}`,
        `/api/exports/street-duty.xlsx?${period}`,
        '/api/exports/volunteers.xlsx',
      ]
      for (const url of urls) {
        const res = await get('vol', url)
        expect([url, res.status, res.body.error?.code]).toEqual([url, 403, 'forbidden'])
      }
    })
  })

  describe('periods', () => {
    test.each([
      ['from after to', 'from=2026-10-10&to=2026-10-09', 'stats_period_reversed'],
      ['longer than two years', 'from=2024-01-01&to=2026-01-02', 'stats_period_too_long'],
      ['a day that does not exist', 'from=2026-02-30&to=2026-03-01', 'validation_failed'],
      ['a missing end', 'from=2026-10-01', 'validation_failed'],
      ['a date with a time', 'from=2026-10-01T00:00&to=2026-10-02', 'validation_failed'],
    ])('when the period has %s, then 400 %s', async (_name, query, code) => {
      for (const url of [`/api/stats/participation?${query}`, `/api/stats/street-duty?${query}`, `/api/exports/participation.xlsx?${query}`]) {
        const res = await get('office', url)
        expect([url, res.status, res.body.error.code]).toEqual([url, 400, code])
      }
    })

    test('when the period is exactly two years (731 days), then it is accepted', async () => {
      const res = await get('office', '/api/stats/participation?groupBy=unit&from=2025-01-01&to=2026-12-31')
      expect(res.status).toBe(200)
    })
  })

  describe('the same figures whatever the server’s time zone', () => {
    const run = promisify(execFile)
    const services = path.join(ROOT, 'server', 'src', 'modules', 'stats')
    const PROBE = (url: string) => `
      import { openDatabase } from ${JSON.stringify(path.join(ROOT, 'server', 'src', 'db', 'client.ts'))}
      import { participation } from ${JSON.stringify(path.join(services, 'participation.ts'))}
      import { weekly, city } from ${JSON.stringify(path.join(services, 'weekly.ts'))}
      import { streetDuty } from ${JSON.stringify(path.join(services, 'street-duty.ts'))}
      import { rankings } from ${JSON.stringify(path.join(services, 'rankings.ts'))}
      import { periodOf } from ${JSON.stringify(path.join(services, 'period.ts'))}
      import { OFFICE_SCOPE } from ${JSON.stringify(path.join(services, 'scope.ts'))}
      import { analytic } from ${JSON.stringify(path.join(services, 'sql.ts'))}
      ;(async () => {
        const db = await openDatabase({ url: ${JSON.stringify(url)}, poolSize: 1, embeddedWait: ${testDbKind() === 'pglite'} })
        const p = periodOf(${JSON.stringify(FROM)}, ${JSON.stringify(TO)})
        const out = {
          zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
          session: (await db.prisma.$queryRaw\`SELECT current_setting('TimeZone') AS tz\`)[0].tz,
          community: await analytic(db, (q) => participation(q, 'community', p, OFFICE_SCOPE)),
          unit: await analytic(db, (q) => participation(q, 'unit', p, OFFICE_SCOPE)),
          pairing: await analytic(db, (q) => participation(q, 'pairing', p, OFFICE_SCOPE)),
          weekly: await analytic(db, (q) => weekly(q, p)),
          duty: await analytic(db, (q) => streetDuty(q, p, OFFICE_SCOPE)),
          city: await analytic(db, (q) => city(q, p)),
          rankings: await analytic(db, (q) => rankings(q, p)),
        }
        await db.close()
        console.log(JSON.stringify(out))
      })()`

    async function figuresIn(zone: string) {
      // on PostgreSQL the session's TimeZone follows too (PGlite's socket ignores startup options)
      const url = new URL(t.db.url)
      if (testDbKind() === 'postgres') url.searchParams.set('options', `-c TimeZone=${zone}`)
      const { stdout } = await run(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['-e', PROBE(url.toString())], {
        cwd: ROOT,
        env: { ...process.env, TZ: zone },
      })
      return JSON.parse(stdout)
    }

    test.each(['UTC', 'America/Los_Angeles'])('when the server runs with TZ=%s, then every figure equals the API’s', async (zone) => {
      const here = {
        community: (await get('office', `/api/stats/participation?groupBy=community&${period}`)).body,
        unit: (await get('office', `/api/stats/participation?groupBy=unit&${period}`)).body,
        pairing: (await get('office', `/api/stats/participation?groupBy=pairing&${period}`)).body,
        weekly: (await get('office', `/api/stats/weekly?${period}`)).body.rows,
        duty: (await get('office', `/api/stats/street-duty?${period}`)).body,
        city: (await get('office', `/api/stats/city?${period}`)).body,
        // the 整改 board comes from reports (tested in reports-stats.test.ts), not from these services
        rankings: (({ unitsByOnTimeRectification: _r, ...board }) => board)((await get('office', `/api/stats/rankings?${period}`)).body),
      }

      const there = await figuresIn(zone)

      expect(there.zone).toBe(zone)
      if (testDbKind() === 'postgres') expect(there.session).toBe(zone)
      const { zone: _z, session: _s, ...figures } = there
      expect(figures).toEqual(here)
      expect(figures.weekly).toEqual(expectedWeekly(() => true))
    }, 120_000)
  })
})

/** The 红黑榜 rule restated: best first, ties by name, top ⌈n/2⌉ (≤ 10), bottom the rest (≤ 10, worst first). */
function referenceRanking(items: Array<{ id: number; name: string; value: number | null }>) {
  const ranked = items
    .filter((i) => i.value != null)
    .sort((a, b) => b.value! - a.value! || collator.compare(a.name, b.name))
    .map((i, n) => ({ rank: n + 1, id: i.id, name: i.name, value: i.value! }))
  const top = ranked.slice(0, Math.min(10, Math.ceil(ranked.length / 2)))
  const rest = ranked.slice(top.length)
  return {
    ranked: ranked.length,
    top,
    bottom: rest.slice(Math.max(0, rest.length - 10)).reverse(),
    unranked: items
      .filter((i) => i.value == null)
      .sort((a, b) => collator.compare(a.name, b.name))
      .map((i) => ({ id: i.id, name: i.name })),
  }
}
