/**
 * Service hours (shared/src/rules.ts serviceHours) across the edges of an activity's window,
 * every instant written as a China wall-clock time: min(check-out, end) − max(check-in, start),
 * floored to the step, capped per activity; early arrival and staying late earn nothing, a
 * missing check-out earns nothing. The same table then runs in child processes under other
 * machine zones (one with summer time, changing inside two of the rows) and must give the same
 * instants and the same hours.
 */
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { chinaWallClock, serviceHours } from '@civic/shared'

const ROOT = path.resolve(__dirname, '..', '..')

/** `YYYY-MM-DD HH:mm`, China time */
type Wall = string
interface Row {
  name: string
  start: Wall
  end: Wall
  checkIn: Wall | null
  checkOut: Wall | null
  step?: number
  cap?: number | null
  hours: number
}

const D = '2026-11-22'
const TABLE: Row[] = [
  { name: 'present for the whole activity', start: `${D} 09:00`, end: `${D} 11:00`, checkIn: `${D} 09:00`, checkOut: `${D} 11:00`, hours: 2 },
  { name: 'arriving 30 min early (not credited)', start: `${D} 09:00`, end: `${D} 11:00`, checkIn: `${D} 08:30`, checkOut: `${D} 11:00`, hours: 2 },
  { name: 'staying 45 min after the end (not credited)', start: `${D} 09:00`, end: `${D} 11:00`, checkIn: `${D} 09:00`, checkOut: `${D} 11:45`, hours: 2 },
  { name: 'arriving early and leaving late', start: `${D} 09:00`, end: `${D} 11:00`, checkIn: `${D} 07:00`, checkOut: `${D} 13:00`, hours: 2 },
  { name: 'arriving 10 min late (1 h 50 floors to 1.5)', start: `${D} 09:00`, end: `${D} 11:00`, checkIn: `${D} 09:10`, checkOut: `${D} 11:00`, hours: 1.5 },
  { name: 'serving exactly 1 h 30', start: `${D} 09:00`, end: `${D} 11:00`, checkIn: `${D} 09:00`, checkOut: `${D} 10:30`, hours: 1.5 },
  { name: 'serving one minute short of 1 h 30', start: `${D} 09:00`, end: `${D} 11:00`, checkIn: `${D} 09:00`, checkOut: `${D} 10:29`, hours: 1 },
  { name: 'serving 29 min (below one step)', start: `${D} 09:00`, end: `${D} 11:00`, checkIn: `${D} 09:00`, checkOut: `${D} 09:29`, hours: 0 },
  { name: 'serving exactly one step (30 min)', start: `${D} 09:00`, end: `${D} 11:00`, checkIn: `${D} 10:30`, checkOut: `${D} 11:00`, hours: 0.5 },
  { name: 'checked in but never checked out', start: `${D} 09:00`, end: `${D} 11:00`, checkIn: `${D} 09:00`, checkOut: null, hours: 0 },
  { name: 'never checked in', start: `${D} 09:00`, end: `${D} 11:00`, checkIn: null, checkOut: `${D} 11:00`, hours: 0 },
  { name: 'checking in and out before the start', start: `${D} 09:00`, end: `${D} 11:00`, checkIn: `${D} 08:00`, checkOut: `${D} 08:55`, hours: 0 },
  { name: 'checking in and out after the end', start: `${D} 09:00`, end: `${D} 11:00`, checkIn: `${D} 11:05`, checkOut: `${D} 11:50`, hours: 0 },
  { name: 'serving a whole 6 h activity whose type caps at 4 h', start: `${D} 08:00`, end: `${D} 14:00`, checkIn: `${D} 08:00`, checkOut: `${D} 14:00`, cap: 4, hours: 4 },
  { name: 'serving a whole 6 h activity without a cap', start: `${D} 08:00`, end: `${D} 14:00`, checkIn: `${D} 08:00`, checkOut: `${D} 14:00`, cap: null, hours: 6 },
  { name: 'serving 3 h under a 4 h cap', start: `${D} 08:00`, end: `${D} 14:00`, checkIn: `${D} 11:00`, checkOut: `${D} 14:00`, cap: 4, hours: 3 },
  { name: 'serving 1 h 59 with a 1 h step', start: `${D} 09:00`, end: `${D} 11:00`, checkIn: `${D} 09:00`, checkOut: `${D} 10:59`, step: 1, hours: 1 },
  { name: 'the activity crosses China midnight', start: `${D} 23:00`, end: '2026-11-23 01:00', checkIn: `${D} 22:50`, checkOut: '2026-11-23 01:20', hours: 2 },
  { name: 'the activity crosses the new year', start: '2026-12-31 22:00', end: '2027-01-01 02:00', checkIn: '2026-12-31 22:15', checkOut: '2027-01-01 01:40', cap: null, hours: 3 },
  // Los Angeles springs forward at 2026-03-08 10:00 UTC = 18:00 China, falls back at 2026-11-01 09:00 UTC = 17:00 China
  { name: 'the activity runs while Los Angeles springs forward', start: '2026-03-08 17:00', end: '2026-03-08 19:00', checkIn: '2026-03-08 17:20', checkOut: '2026-03-08 19:30', hours: 1.5 },
  { name: 'the activity runs while Los Angeles falls back', start: '2026-11-01 16:00', end: '2026-11-01 18:00', checkIn: '2026-11-01 16:00', checkOut: '2026-11-01 18:00', hours: 2 },
]

const wall = (w: Wall) => chinaWallClock(w.slice(0, 10), w.slice(11))
const at = (w: Wall | null) => (w == null ? null : wall(w))

function compute(row: Row) {
  return serviceHours({ checkIn: at(row.checkIn), checkOut: at(row.checkOut), start: wall(row.start), end: wall(row.end), step: row.step, cap: row.cap })
}

/** UTC reference without any time-zone library: China is UTC+8 (no summer time since 1991). */
const refInstant = (w: Wall) => Date.parse(`${w.slice(0, 10)}T${w.slice(11)}:00+08:00`)

describe('service hours at the edges of the window (China wall-clock times)', () => {
  test.each(TABLE)('when $name, then $hours h', (row) => {
    expect(compute(row)).toBe(row.hours)
  })

  test('when the wall-clock times are converted, then each is the UTC+8 instant', () => {
    const walls = TABLE.flatMap((r) => [r.start, r.end, r.checkIn, r.checkOut]).filter((w): w is Wall => w != null)

    expect(walls.map((w) => wall(w).getTime())).toEqual(walls.map(refInstant))
  })
})

// ---------------------------------------------------------------- independent of the machine's zone

/** The child evaluates the same table with the same functions and prints instants and hours. */
const PROBE = `
import { chinaWallClock } from ${JSON.stringify(path.join(ROOT, 'shared', 'src', 'time.ts'))}
import { serviceHours } from ${JSON.stringify(path.join(ROOT, 'shared', 'src', 'rules.ts'))}
const table = ${JSON.stringify(TABLE)}
const wall = (w) => chinaWallClock(w.slice(0, 10), w.slice(11))
const at = (w) => (w == null ? null : wall(w))
console.log(JSON.stringify({
  zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  marchOffset: new Date(Date.UTC(2026, 2, 1)).getTimezoneOffset(),
  julyOffset: new Date(Date.UTC(2026, 6, 1)).getTimezoneOffset(),
  rows: table.map((r) => ({
    instants: [r.start, r.end, r.checkIn, r.checkOut].map((w) => (w == null ? null : wall(w).getTime())),
    hours: serviceHours({ checkIn: at(r.checkIn), checkOut: at(r.checkOut), start: wall(r.start), end: wall(r.end), step: r.step, cap: r.cap }),
  })),
}))
`

interface ProbeOut {
  zone: string
  marchOffset: number
  julyOffset: number
  rows: Array<{ instants: Array<number | null>; hours: number }>
}

const run = promisify(execFile)

async function probeIn(zone: string): Promise<ProbeOut> {
  const { stdout } = await run(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['-e', PROBE], {
    cwd: ROOT,
    env: { ...process.env, TZ: zone },
  })
  return JSON.parse(stdout)
}

const here = () =>
  TABLE.map((r) => ({ instants: [r.start, r.end, r.checkIn, r.checkOut].map((w) => (w == null ? null : refInstant(w))), hours: r.hours }))

describe('the same table under other machine zones', () => {
  const zones = ['UTC', 'America/Los_Angeles', 'Asia/Shanghai']
  let results: Record<string, ProbeOut>

  beforeAll(async () => {
    const outs = await Promise.all(zones.map(probeIn))
    results = Object.fromEntries(zones.map((z, i) => [z, outs[i]]))
  }, 120_000)

  test('when the children start, then each really runs in its zone (Los Angeles with summer time)', () => {
    expect(zones.map((z) => results[z].zone)).toEqual(zones)
    expect(results.UTC.marchOffset).toBe(0)
    expect(results['America/Los_Angeles'].marchOffset).toBe(480)
    expect(results['America/Los_Angeles'].julyOffset).toBe(420)
    expect(results['Asia/Shanghai'].marchOffset).toBe(-480)
  })

  test.each(zones)('when the table runs with TZ=%s, then every instant and every hour count equals the expected one', (zone) => {
    expect(results[zone].rows).toEqual(here())
  })

  test('when this process and the children are compared row by row, then the hours are identical', () => {
    const mine = TABLE.map(compute)

    for (const zone of zones) expect(results[zone].rows.map((r) => r.hours)).toEqual(mine)
  })
})
