/** Hours, points, star levels and distance (shared/src/rules.ts): pure functions, no database. */
import {
  DEFAULT_STAR_THRESHOLDS,
  capDailyPoints,
  chinaWallClock,
  distanceMetres,
  pointsForHours,
  serviceHours,
  starLevel,
} from '@civic/shared'

const MIN = 60_000
/** an activity from 09:00 to 11:00 China time */
const start = chinaWallClock('2026-11-21', '09:00')
const end = chinaWallClock('2026-11-21', '11:00')
const at = (hhmm: string) => chinaWallClock('2026-11-21', hhmm)
const plus = (d: Date, ms: number) => new Date(d.getTime() + ms)

describe('serviceHours', () => {
  test.each([
    ['the volunteer is there from start to end', at('09:00'), at('11:00'), 2],
    ['the volunteer arrives an hour early and leaves at 10:00 (early arrival is not credited)', at('08:00'), at('10:00'), 1],
    ['the volunteer stays until 12:30 (late leave is capped at the end)', at('10:00'), at('12:30'), 1],
    ['the volunteer comes early and stays late', at('07:00'), at('13:00'), 2],
    ['the volunteer serves 1 h 14 min (floored to the 0.5 h step)', at('09:00'), at('10:14'), 1],
    ['the volunteer serves exactly 1 h 30 min', at('09:00'), at('10:30'), 1.5],
    ['the volunteer serves 1 h 29 min 59.999 s (no float drift up to 1.5)', at('09:00'), plus(at('10:30'), -1), 1],
    ['the volunteer serves 29 min', at('09:15'), at('09:44'), 0],
    ['the volunteer leaves before the start', at('08:00'), at('08:50'), 0],
    ['the volunteer checks in after the end', at('11:05'), at('11:40'), 0],
  ])('when %s, then %p h', (_what, checkIn, checkOut, hours) => {
    expect(serviceHours({ checkIn, checkOut, start, end })).toBe(hours)
  })

  test('when there is no check-out, then nothing is credited', () => {
    expect(serviceHours({ checkIn: at('09:00'), checkOut: null, start, end })).toBe(0)
  })

  test('when there is no check-in, then nothing is credited', () => {
    expect(serviceHours({ checkIn: null, checkOut: at('11:00'), start, end })).toBe(0)
  })

  test('when a cap is set below the credited time, then the hours stop at the cap', () => {
    const longEnd = chinaWallClock('2026-11-21', '13:00')

    expect(serviceHours({ checkIn: at('09:00'), checkOut: longEnd, start, end: longEnd, cap: 2 })).toBe(2)
    expect(serviceHours({ checkIn: at('09:00'), checkOut: at('10:00'), start, end: longEnd, cap: 2 })).toBe(1)
  })

  test('when the step is 1 h, then 1 h 59 min credits 1 h', () => {
    expect(serviceHours({ checkIn: at('09:00'), checkOut: at('10:59'), start, end, step: 1 })).toBe(1)
  })

  test('when the step is 0.1 h, then every minute of a 4 h activity gives an exact multiple of 0.1 (no float drift)', () => {
    const longEnd = plus(start, 240 * MIN)
    const wrong: string[] = []

    for (let m = 0; m <= 240; m++) {
      const hours = serviceHours({ checkIn: start, checkOut: plus(start, m * MIN), start, end: longEnd, step: 0.1 })
      const expected = Math.floor(m / 6) / 10
      if (hours !== expected) wrong.push(`${m} min → ${hours}, expected ${expected}`)
    }

    expect(wrong).toEqual([])
  })

  test('when the step is not positive, then it is refused', () => {
    expect(() => serviceHours({ checkIn: start, checkOut: end, start, end, step: 0 })).toThrow(RangeError)
  })
})

describe('pointsForHours', () => {
  test.each([
    ['10 points an hour (昆山)', 2, 10, 20],
    ['1 point an hour (海林)', 2, 1, 2],
    ['0.5 points an hour (黄岩: 2 h = 1 point)', 2, 0.5, 1],
    ['0.5 points an hour for 1.5 h (floored to whole points)', 1.5, 0.5, 0],
    ['10 points an hour for 3.5 h', 3.5, 10, 35],
    ['no hours', 0, 10, 0],
    ['negative hours', -1, 10, 0],
  ])('when the rule is %s and the hours are %p, then the points are %p', (_rule, hours, pointsPerHour, points) => {
    expect(pointsForHours(hours, { pointsPerHour })).toBe(points)
  })

  test('when hours are tenths from 0.1 to 40, then 10 points an hour gives exactly ten times them (no float drift)', () => {
    const wrong: string[] = []

    for (let k = 1; k <= 400; k++) {
      const points = pointsForHours(k / 10, { pointsPerHour: 10 })
      if (points !== k) wrong.push(`${k / 10} h → ${points}`)
    }

    expect(wrong).toEqual([])
  })
})

describe('capDailyPoints', () => {
  test.each([
    ['nothing earned yet today', 30, 0, 80, 30],
    ['60 of 80 already earned', 30, 60, 80, 20],
    ['the cap already reached', 30, 80, 80, 0],
    ['more than the cap already earned (never negative)', 30, 100, 80, 0],
    ['no cap', 30, 500, null, 30],
  ])('when %s, then an award of %p gives %p', (_what, points, already, cap, expected) => {
    expect(capDailyPoints(points, already, cap)).toBe(expected)
  })
})

describe('starLevel', () => {
  test.each([
    [0, 0, 100, 0],
    [50, 0, 100, 0.5],
    [99.99, 0, 100, 0.99],
    [100, 1, 300, 0],
    [200, 1, 300, 0.5],
    [299, 1, 300, 0.99],
    [300, 2, 600, 0],
    [600, 3, 1000, 0],
    [1000, 4, 1500, 0],
    [1499.5, 4, 1500, 0.99],
    [1500, 5, null, 1],
    [4000, 5, null, 1],
  ])('when a volunteer has %p h, then the level is %p, the next threshold %p and the progress %p', (hours, level, next, progress) => {
    expect(starLevel(hours)).toEqual({ level, hours, nextThreshold: next, progress })
  })

  test('when the defaults are read, then they are 100/300/600/1000/1500 h (团中央)', () => {
    expect([...DEFAULT_STAR_THRESHOLDS]).toEqual([100, 300, 600, 1000, 1500])
  })

  test('when a city configures other thresholds in any order (大连 50/150/300/800/1500), then they are used', () => {
    const dalian = [150, 50, 1500, 300, 800]

    expect(starLevel(160, dalian)).toEqual({ level: 2, hours: 160, nextThreshold: 300, progress: 0.06 })
    expect(starLevel(49, dalian).level).toBe(0)
  })

  test('when a volunteer is just short of a level, then the progress is not shown as complete', () => {
    expect(starLevel(299.9).progress).toBeLessThan(1)
    expect(starLevel(299.9).level).toBe(1)
  })
})

describe('distanceMetres', () => {
  test('when two points are one degree of latitude apart on a meridian, then they are about 111.2 km apart (within 1 %)', () => {
    const d = distanceMetres({ lat: 30, lng: 120 }, { lat: 31, lng: 120 })

    expect(Math.abs(d - 111_195) / 111_195).toBeLessThan(0.01)
  })

  test('when measuring Beijing (Tiananmen) to Shanghai (People’s Square), then it is about 1 067 km (within 1 %)', () => {
    const d = distanceMetres({ lat: 39.9042, lng: 116.4074 }, { lat: 31.2304, lng: 121.4737 })

    expect(Math.abs(d - 1_067_000) / 1_067_000).toBeLessThan(0.01)
  })

  test('when a volunteer stands 0.0045° north of the site, then the distance is about 500 m and symmetric', () => {
    const site = { lat: 36.0611, lng: 120.3826 }
    const volunteer = { lat: 36.0656, lng: 120.3826 }

    const d = distanceMetres(site, volunteer)

    expect(d).toBeGreaterThan(495)
    expect(d).toBeLessThan(505)
    expect(distanceMetres(volunteer, site)).toBeCloseTo(d, 6)
  })

  test('when both points are the same, then the distance is 0', () => {
    expect(distanceMetres({ lat: 36.06, lng: 120.38 }, { lat: 36.06, lng: 120.38 })).toBe(0)
  })
})
