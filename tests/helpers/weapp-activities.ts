/** Activities for the compiled-weapp tests. */
const HOUR = 3_600_000
/** 08:30 in China, Tuesday 26 November 2030 */
const start = Date.parse('2030-11-26T00:30:00.000Z')

/** An Activity as the API sends it (plain JSON: the weapp tests do not compile shared/). */
export function weappActivity(id: number, title: string, extra: object = {}) {
  return {
    id,
    shortKey: `key${id}`,
    title,
    type: { id: 1, name: '文明交通', duty: false },
    description: '',
    organiser: { kind: 'unit', id: 3, name: '区教育局' },
    community: { id: 2, name: '东风社区' },
    address: '南关十字东北角',
    latitude: 34.25,
    longitude: 108.95,
    radiusM: 500,
    startAt: new Date(start).toISOString(),
    endAt: new Date(start + 2 * HOUR).toISOString(),
    capacity: 10,
    signupDeadline: new Date(start - HOUR).toISOString(),
    allowWalkIn: false,
    waitlistEnabled: true,
    audience: 'everyone',
    status: 'published',
    cancelReason: null,
    requiredHeadcount: null,
    scheduleId: null,
    confirmedCount: 4,
    waitlistCount: 0,
    remaining: 6,
    distanceM: null,
    mySignup: null,
    canManage: false,
    ...extra,
  }
}
