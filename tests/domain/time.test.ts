/**
 * China-time calendar maths (shared/src/time.ts). Weeks run Monday–Sunday in Asia/Shanghai,
 * whatever the zone of the machine: the last block runs the same functions in child processes
 * under other zones (with and without summer time) and compares them with a reference that
 * uses no time-zone library at all.
 */
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import {
  chinaDate,
  chinaDateRange,
  chinaDayStart,
  chinaWallClock,
  chinaWeekKey,
  chinaWeekMonday,
  chinaWeekRange,
  chinaWeeksBetween,
  formatChina,
} from '@civic/shared'

const ROOT = path.resolve(__dirname, '..', '..')
const utc = (iso: string) => new Date(iso)

describe('China week of an instant', () => {
  test('when a check-in is at 23:30 Sunday China time (15:30 UTC Sunday), then it belongs to that ISO week', () => {
    // Arrange: 2026-11-22 is a Sunday
    const lateSunday = utc('2026-11-22T15:30:00Z')

    // Act
    const key = chinaWeekKey(lateSunday)
    const monday = chinaWeekMonday(lateSunday)

    // Assert
    expect(key).toBe('2026-W47')
    expect(monday).toBe('2026-11-16')
  })

  test('when a check-in is at 00:10 Monday China time (16:10 UTC Sunday), then it belongs to the next ISO week', () => {
    const earlyMonday = utc('2026-11-22T16:10:00Z')

    expect(chinaWeekKey(earlyMonday)).toBe('2026-W48')
    expect(chinaWeekMonday(earlyMonday)).toBe('2026-11-23')
  })

  test('when the week range of a Sunday-night instant is taken, then it is [Monday 00:00, next Monday 00:00) China time and excludes 00:10 Monday', () => {
    const range = chinaWeekRange(utc('2026-11-22T15:30:00Z'))

    expect(range).toEqual({ start: utc('2026-11-15T16:00:00Z'), end: utc('2026-11-22T16:00:00Z'), key: '2026-W47' })
    const earlyMonday = utc('2026-11-22T16:10:00Z').getTime()
    expect(earlyMonday >= range.end.getTime()).toBe(true)
  })

  test('when UTC is still Sunday 3 January 2027 but China is already Monday, then the China week 2027-W01 is used', () => {
    const instant = utc('2027-01-03T16:30:00Z')

    expect(chinaWeekKey(instant)).toBe('2027-W01')
    expect(chinaDate(instant)).toBe('2027-01-04')
  })

  test('when 1 January 2027 (a Friday) is asked for, then it belongs to ISO week 2026-W53', () => {
    expect(chinaWeekKey(chinaWallClock('2027-01-01', '12:00'))).toBe('2026-W53')
    expect(chinaWeekMonday(chinaWallClock('2027-01-01', '12:00'))).toBe('2026-12-28')
  })
})

describe('China dates and ranges', () => {
  test('when an inclusive date range is converted, then it is the half-open instant range from the first midnight to the midnight after the last day', () => {
    const { start, end } = chinaDateRange('2026-11-01', '2026-11-30')

    expect(start).toEqual(utc('2026-10-31T16:00:00Z'))
    expect(end).toEqual(utc('2026-11-30T16:00:00Z'))
  })

  test('when the last millisecond of the last day and the first of the next are compared with the range, then only the first is inside', () => {
    const { start, end } = chinaDateRange('2026-11-01', '2026-11-30')
    const inside = (d: Date) => d >= start && d < end

    expect(inside(chinaWallClock('2026-11-01', '00:00'))).toBe(true)
    expect(inside(utc('2026-11-30T15:59:59.999Z'))).toBe(true)
    expect(inside(chinaWallClock('2026-12-01', '00:00'))).toBe(false)
    expect(inside(utc('2026-10-31T15:59:59.999Z'))).toBe(false)
  })

  test('when a one-day range is taken, then it lasts exactly 24 hours', () => {
    const { start, end } = chinaDateRange('2026-03-08', '2026-03-08')

    expect(end.getTime() - start.getTime()).toBe(24 * 3_600_000)
  })

  test('when a range crosses the new year, then it ends at the midnight after 1 January', () => {
    expect(chinaDateRange('2026-12-31', '2027-01-01')).toEqual({
      start: utc('2026-12-30T16:00:00Z'),
      end: utc('2027-01-01T16:00:00Z'),
    })
  })

  test('when a China wall-clock time is converted, then it is eight hours ahead of UTC', () => {
    expect(chinaWallClock('2026-11-22', '23:30')).toEqual(utc('2026-11-22T15:30:00Z'))
    expect(chinaWallClock('2026-11-23', '00:10')).toEqual(utc('2026-11-22T16:10:00Z'))
    expect(chinaDayStart('2027-01-01')).toEqual(utc('2026-12-31T16:00:00Z'))
  })

  test('when 16:00 UTC on 31 December is shown, then the China date is already the new year', () => {
    expect(chinaDate(utc('2026-12-31T16:00:00Z'))).toBe('2027-01-01')
    expect(chinaDate(utc('2026-12-31T15:59:59Z'))).toBe('2026-12-31')
    expect(formatChina(utc('2026-12-31T16:05:00Z'))).toBe('2027-01-01 00:05')
  })
})

describe('weeks between two dates', () => {
  test('when the period crosses the year boundary, then 2026-W53 and 2027-W01 both appear once, in order', () => {
    expect(chinaWeeksBetween('2026-12-21', '2027-01-10')).toEqual(['2026-W52', '2026-W53', '2027-W01'])
  })

  test('when the period starts and ends mid-week, then the partial weeks at both ends are included', () => {
    expect(chinaWeeksBetween('2026-11-18', '2026-12-02')).toEqual(['2026-W47', '2026-W48', '2026-W49'])
  })

  test('when the period is one day, then it is one week', () => {
    expect(chinaWeeksBetween('2026-11-22', '2026-11-22')).toEqual(['2026-W47'])
  })

  test('when the whole of 2026 is asked for, then there are 53 distinct weeks from W01 to W53', () => {
    const weeks = chinaWeeksBetween('2026-01-01', '2026-12-31')

    expect(weeks).toHaveLength(53)
    expect(new Set(weeks).size).toBe(53)
    expect(weeks[0]).toBe('2026-W01')
    expect(weeks[52]).toBe('2026-W53')
  })
})

// ---------------------------------------------------------------- independent of the machine's zone

const H = 3_600_000
const D = 24 * H
const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/** Reference implementation: China is UTC+8 (no summer time since 1991); plain UTC arithmetic. */
const ref = {
  date: (ms: number) => ymd(ms + 8 * H),
  monday(ms: number) {
    const d = new Date(ms + 8 * H)
    const sinceMonday = (d.getUTCDay() + 6) % 7
    return ymd(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - sinceMonday * D)
  },
  week(ms: number) {
    const thursday = new Date(Date.parse(ref.monday(ms)) + 3 * D)
    const year = thursday.getUTCFullYear()
    const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * D))
    return `${year}-W${String(week).padStart(2, '0')}`
  },
  dayStart: (date: string) => Date.parse(date) - 8 * H,
}

// a year around the 2026/27 boundary, every 5 hours and every day, through every summer-time change of the zones below
const FIRST = Date.UTC(2026, 0, 1)
const LAST = Date.UTC(2027, 0, 15)
const STEP = 5 * H
const instants: number[] = []
// every 5 hours: steps through every hour of the day within five days
for (let ms = FIRST; ms < LAST; ms += STEP) instants.push(ms)
const days: string[] = []
for (let ms = FIRST; ms < LAST; ms += D) days.push(ymd(ms))

/** What the child process prints: the functions' answers for every instant and day. */
const PROBE = `
import * as t from ${JSON.stringify(path.join(ROOT, 'shared', 'src', 'time.ts'))}
const instants = ${JSON.stringify([FIRST, LAST, STEP])}
const days = []
for (let ms = ${FIRST}; ms < ${LAST}; ms += ${D}) days.push(new Date(ms).toISOString().slice(0, 10))
const out = {
  zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  januaryOffset: new Date(${FIRST}).getTimezoneOffset(),
  julyOffset: new Date(${Date.UTC(2026, 6, 1)}).getTimezoneOffset(),
  byInstant: [],
  byDay: [],
}
for (let ms = instants[0]; ms < instants[1]; ms += instants[2]) {
  const r = t.chinaWeekRange(ms)
  out.byInstant.push([t.chinaDate(ms), t.chinaWeekMonday(ms), t.chinaWeekKey(ms), r.start.getTime(), r.end.getTime()])
}
for (let i = 0; i < days.length; i++) {
  const d = days[i]
  const range = t.chinaDateRange(d, d)
  const later = days[Math.min(i + 21, days.length - 1)]
  out.byDay.push([t.chinaDayStart(d).getTime(), range.start.getTime(), range.end.getTime(), t.chinaWallClock(d, '09:15').getTime(), t.chinaWeeksBetween(d, later)])
}
console.log(JSON.stringify(out))
`

const run = promisify(execFile)

async function probeIn(zone: string) {
  const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx')
  const { stdout } = await run(tsx, ['-e', PROBE], {
    cwd: ROOT,
    env: { ...process.env, TZ: zone },
    maxBuffer: 64 * 1024 * 1024,
  })
  return JSON.parse(stdout) as {
    zone: string
    januaryOffset: number
    julyOffset: number
    byInstant: Array<[string, string, string, number, number]>
    byDay: Array<[number, number, number, number, string[]]>
  }
}

/** Differences from the reference, at most five, as readable lines. */
function mismatches(out: Awaited<ReturnType<typeof probeIn>>): string[] {
  const bad: string[] = []
  out.byInstant.forEach(([date, monday, key, start, end], i) => {
    const ms = instants[i]
    const expected: typeof out.byInstant[number] = [
      ref.date(ms),
      ref.monday(ms),
      ref.week(ms),
      ref.dayStart(ref.monday(ms)),
      ref.dayStart(ref.monday(ms)) + 7 * D,
    ]
    const got = [date, monday, key, start, end]
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      bad.push(`${new Date(ms).toISOString()}: got ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`)
    }
  })
  out.byDay.forEach(([dayStart, rangeStart, rangeEnd, wall, weeks], i) => {
    const d = days[i]
    const later = days[Math.min(i + 21, days.length - 1)]
    const expectedWeeks: string[] = []
    for (let m = Date.parse(ref.monday(ref.dayStart(d))); m <= Date.parse(later); m += 7 * D) expectedWeeks.push(ref.week(m))
    const got = [dayStart, rangeStart, rangeEnd, wall, weeks]
    const expected = [ref.dayStart(d), ref.dayStart(d), ref.dayStart(d) + D, ref.dayStart(d) + 9.25 * H, expectedWeeks]
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      bad.push(`${d}: got ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`)
    }
  })
  return bad.slice(0, 5)
}

describe('independence from the machine time zone', () => {
  // summer-time zones on both hemispheres, a half-hour change (Lord Howe), and China itself
  const zones = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Europe/London', 'Australia/Lord_Howe']
  let results: Record<string, Awaited<ReturnType<typeof probeIn>>>

  beforeAll(async () => {
    const outs = await Promise.all(zones.map(probeIn))
    results = Object.fromEntries(zones.map((z, i) => [z, outs[i]]))
  }, 120_000)

  test('when the child processes start, then each really runs in its own zone', () => {
    expect(zones.map((z) => results[z].zone)).toEqual(zones)
    expect(results['America/Los_Angeles'].januaryOffset).toBe(480)
    expect(results['America/Los_Angeles'].julyOffset).toBe(420)
    expect(results['Asia/Shanghai'].januaryOffset).toBe(-480)
    expect(results['Australia/Lord_Howe'].januaryOffset).toBe(-660)
  })

  test.each(zones)('when the process runs in %s, then every date, week and range matches the China-time reference', (zone) => {
    const out = results[zone]

    expect(out.byInstant).toHaveLength(instants.length)
    expect(out.byDay).toHaveLength(days.length)
    expect(mismatches(out)).toEqual([])
  })

  test('when the answers of all zones are compared, then they are identical', () => {
    const [first, ...rest] = zones.map((z) => JSON.stringify([results[z].byInstant, results[z].byDay]))

    for (const other of rest) expect(other === first).toBe(true)
  })
})

describe('ISO weeks at year edges and beside other dayjs users', () => {
  test.each([
    ['2026-01-01', '2026-W01', '2025-12-29'], // Thursday: week 1 holds it
    ['2027-01-01', '2026-W53', '2026-12-28'], // Friday: last week of the previous year
    ['2024-12-30', '2025-W01', '2024-12-30'], // Monday of week 1 of the next year
    ['2026-10-05', '2026-W41', '2026-10-05'], // a Monday
    ['2026-10-11', '2026-W41', '2026-10-05'], // its Sunday
  ])('when the China day is %s, then its week is %s starting %s', (date, key, monday) => {
    // the first and last instants of that China day
    const first = chinaDayStart(date)
    const last = new Date(chinaDayStart(date).getTime() + 86_399_999)
    expect([chinaWeekKey(first), chinaWeekMonday(first), chinaWeekKey(last), chinaWeekMonday(last)]).toEqual([key, monday, key, monday])
  })

  test('when exceljs (which brings its own dayjs plugins) is loaded, then Monday 00:00 China time is still in its own week', () => {
    const monday = chinaDayStart('2026-10-05')
    const before = [chinaWeekKey(monday), chinaWeekMonday(monday)]
    require('exceljs')
    expect([chinaWeekKey(monday), chinaWeekMonday(monday)]).toEqual(before)
    expect(before).toEqual(['2026-W41', '2026-10-05'])
  })
})
