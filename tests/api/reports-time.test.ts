/**
 * Deadlines and overdue in China time: a deadline is the last millisecond of a China day
 * (23:59:59.999 Asia/Shanghai), whatever the time zone of the machine; a report is overdue from
 * the next millisecond while assigned or accepted; rectified after the deadline is late. The rules
 * run here and in child processes under other machine zones (jest cannot change its own zone).
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { chosenDeadline, deadlineAfterDays, endOfChinaDay, isLate, isOnTime, isOverdue } from '../../server/src/modules/reports/rules'
import { type TestApp, createTestApp } from '../helpers/app'
import { ASSIGN, type ReportWorld, categoryId, get, post, reportBody, reportIn, reportWorld, uploadIds } from '../helpers/reports'

const ROOT = path.resolve(__dirname, '..', '..')

/** The China date of an instant and the end of the China day `days` later, computed here without the code under test. */
function expectedDeadline(now: number, days: number): string {
  const china = new Date(now + 8 * 3_600_000)
  const end = Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate() + days, 23, 59, 59, 999) - 8 * 3_600_000
  return new Date(end).toISOString()
}

// ---------------------------------------------------------------- the rules, as a table

const D = '2026-11-23T15:59:59.999Z' // the end of 2026-11-23 in China
const JUST_AFTER = '2026-11-23T16:00:00.000Z'

/** [name, expression over the rules (evaluated here and in children), expected JSON value] */
const TABLE: Array<[string, string, unknown]> = [
  ['the end of a China day', `endOfChinaDay('2026-12-31').toISOString()`, '2026-12-31T15:59:59.999Z'],
  ['the end of a leap day', `endOfChinaDay('2028-02-29').toISOString()`, '2028-02-29T15:59:59.999Z'],
  ['3 days from the last millisecond of a China day', `deadlineAfterDays(new Date('2026-11-20T15:59:59.999Z'), 3).toISOString()`, '2026-11-23T15:59:59.999Z'],
  ['3 days from the first millisecond of the next China day', `deadlineAfterDays(new Date('2026-11-20T16:00:00.000Z'), 3).toISOString()`, '2026-11-24T15:59:59.999Z'],
  ['1 day across the US spring-forward', `deadlineAfterDays(new Date('2026-03-07T20:00:00Z'), 1).toISOString()`, '2026-03-09T15:59:59.999Z'],
  ['2 days across the UK fall-back', `deadlineAfterDays(new Date('2026-10-24T23:30:00Z'), 2).toISOString()`, '2026-10-27T15:59:59.999Z'],
  ['1 day across the new year', `deadlineAfterDays(new Date('2026-12-31T16:30:00Z'), 1).toISOString()`, '2027-01-02T15:59:59.999Z'],
  ['today’s China date picked at the last China millisecond', `chosenDeadline('2026-11-20', new Date('2026-11-20T15:59:59.999Z')).toISOString()`, '2026-11-20T15:59:59.999Z'],
  [
    'the UTC date picked when China is already on the next day',
    `(() => { try { chosenDeadline('2026-11-20', new Date('2026-11-20T16:00:00.000Z')); return 'allowed' } catch (e) { return e.code } })()`,
    'report_deadline_in_past',
  ],
  ['accepted, at the deadline', `isOverdue({ status: 'accepted', deadline: new Date('${D}'), rectifiedAt: null }, new Date('${D}'))`, false],
  ['accepted, 1 ms after the deadline', `isOverdue({ status: 'accepted', deadline: new Date('${D}'), rectifiedAt: null }, new Date('${JUST_AFTER}'))`, true],
  ['assigned, 1 ms after the deadline', `isOverdue({ status: 'assigned', deadline: new Date('${D}'), rectifiedAt: null }, new Date('${JUST_AFTER}'))`, true],
  ['rectified at the deadline, a week later', `isOverdue({ status: 'rectified', deadline: new Date('${D}'), rectifiedAt: new Date('${D}') }, new Date('2026-12-01T00:00:00Z'))`, false],
  ['closed, rectified at the deadline: on time', `[isOnTime({ status: 'closed', deadline: new Date('${D}'), rectifiedAt: new Date('${D}') }), isLate({ status: 'closed', deadline: new Date('${D}'), rectifiedAt: new Date('${D}') })]`, [true, false]],
  ['closed, rectified 1 ms late: late', `[isOnTime({ status: 'closed', deadline: new Date('${D}'), rectifiedAt: new Date('${JUST_AFTER}') }), isLate({ status: 'closed', deadline: new Date('${D}'), rectifiedAt: new Date('${JUST_AFTER}') })]`, [false, true]],
  ['sent back (accepted) after a late rectification: not late, overdue', `[isLate({ status: 'accepted', deadline: new Date('${D}'), rectifiedAt: new Date('${JUST_AFTER}') }), isOverdue({ status: 'accepted', deadline: new Date('${D}'), rectifiedAt: new Date('${JUST_AFTER}') }, new Date('${JUST_AFTER}'))]`, [false, true]],
]

/** the table as one function body, so this process and the children evaluate exactly the same code */
const BODY = `return [${TABLE.map(([, expr]) => expr).join(', ')}]`
const evaluate = new Function('endOfChinaDay', 'deadlineAfterDays', 'chosenDeadline', 'isOverdue', 'isLate', 'isOnTime', BODY) as (
  ...fns: unknown[]
) => unknown[]

describe('deadline and overdue rules', () => {
  const here = evaluate(endOfChinaDay, deadlineAfterDays, chosenDeadline, isOverdue, isLate, isOnTime)
  test.each(TABLE.map(([name, , want], i) => [name, want, i] as const))('when %s, then %j', (_name, want, i) => {
    expect(here[i]).toEqual(want)
  })
})

/** The same table in child processes whose machine zone differs (two with summer time). */
const PROBE = `
import * as r from ${JSON.stringify(path.join(ROOT, 'server', 'src', 'modules', 'reports', 'rules.ts'))}
const evaluate = new Function('endOfChinaDay', 'deadlineAfterDays', 'chosenDeadline', 'isOverdue', 'isLate', 'isOnTime', ${JSON.stringify(BODY)})
console.log(JSON.stringify({
  zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  julyOffset: new Date(Date.UTC(2026, 6, 1)).getTimezoneOffset(),
  values: evaluate(r.endOfChinaDay, r.deadlineAfterDays, r.chosenDeadline, r.isOverdue, r.isLate, r.isOnTime),
}))
`

describe('the same rules under other machine zones', () => {
  const zones: Array<[string, number]> = [
    ['UTC', 0],
    ['America/Los_Angeles', 420],
    ['Europe/London', -60],
    ['Pacific/Kiritimati', -840],
    ['Pacific/Pago_Pago', 660],
  ]
  let results: Record<string, { zone: string; julyOffset: number; values: unknown[] }>

  beforeAll(async () => {
    const run = promisify(execFile)
    const outs = await Promise.all(
      zones.map(([zone]) =>
        run(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['-e', PROBE], { cwd: ROOT, env: { ...process.env, TZ: zone } }),
      ),
    )
    results = Object.fromEntries(zones.map(([zone], i) => [zone, JSON.parse(outs[i].stdout)]))
  }, 120_000)

  test.each(zones)('when the machine runs in %s, then it really does, and every row equals the expected value', (zone, julyOffset) => {
    expect(results[zone].zone).toBe(zone)
    expect(results[zone].julyOffset).toBe(julyOffset)
    expect(results[zone].values).toEqual(TABLE.map(([, , want]) => want))
  })
})

describe('deadlines and overdue through the API', () => {
  let t: TestApp
  let dir: string
  let w: ReportWorld

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-time-'))
    t = await createTestApp({ UPLOAD_DIR: dir, REPORTS_PER_DAY: '1000' })
    w = await reportWorld(t.db.prisma)
  })
  afterAll(async () => {
    await t.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  test.each([
    ['乱停乱放', 1],
    ['设施损坏', 7],
  ])('when a %s report is assigned without a deadline, then it is due at the end of the China day %i days on', async (name, days) => {
    const ids = await uploadIds(t, w.resident.id)
    const id: number = (await post(t, w.resident.id, '/api/reports', reportBody(w, await categoryId(t.db.prisma, name), ids))).body.id

    const before = Date.now()
    const res = await post(t, w.office.id, `/api/reports/${id}/triage`, { ...ASSIGN, unitId: w.unitA.id })
    const after = Date.now()

    expect(res.status).toBe(200)
    expect([expectedDeadline(before, days), expectedDeadline(after, days)]).toContain(res.body.deadline)
    expect(res.body.deadline).toMatch(/T15:59:59\.999Z$/)
  })

  test('when the category’s default changes, then later assignments use the new default', async () => {
    const cat = await t.db.prisma.reportCategory.create({ data: { name: '占用消防通道', deadlineDays: 1 } })
    await t.http
      .patch(`/api/categories/${cat.id}`)
      .set('Authorization', `Bearer ${await t.tokenFor(w.office.id)}`)
      .send({ deadlineDays: 5 })
    const ids = await uploadIds(t, w.resident.id)
    const id: number = (await post(t, w.resident.id, '/api/reports', reportBody(w, cat.id, ids))).body.id

    const before = Date.now()
    const res = await post(t, w.office.id, `/api/reports/${id}/triage`, { ...ASSIGN, unitId: w.unitA.id })

    expect([expectedDeadline(before, 5), expectedDeadline(Date.now(), 5)]).toContain(res.body.deadline)
  })

  test('when the deadline passed a second ago, then the report shows overdue and the overdue filter finds it; one due in a minute does not', async () => {
    const late = await reportIn(t, w, 'accepted')
    const due = await reportIn(t, w, 'assigned')
    await t.db.prisma.report.update({ where: { id: late }, data: { deadline: new Date(Date.now() - 1000) } })
    await t.db.prisma.report.update({ where: { id: due }, data: { deadline: new Date(Date.now() + 60_000) } })

    const lateView = await get(t, w.organiserA.id, `/api/reports/${late}`)
    const dueView = await get(t, w.organiserA.id, `/api/reports/${due}`)
    const overdue = await get(t, w.organiserA.id, '/api/reports?overdue=1&pageSize=200')

    expect(lateView.body.overdue).toBe(true)
    expect(dueView.body.overdue).toBe(false)
    const listed = overdue.body.items.map((i: { id: number }) => i.id)
    expect(listed).toContain(late)
    expect(listed).not.toContain(due)
    expect(overdue.body.items.every((i: { overdue: boolean }) => i.overdue)).toBe(true)
  })

  test('when the unit rectifies after the deadline, then the report is late (not overdue any more)', async () => {
    const id = await reportIn(t, w, 'accepted')
    await t.db.prisma.report.update({ where: { id }, data: { deadline: new Date(Date.now() - 1000) } })
    const after = await uploadIds(t, w.organiserA.id)

    const res = await post(t, w.organiserA.id, `/api/reports/${id}/rectify`, { note: '已整改', uploadIds: after })

    expect(res.body).toMatchObject({ status: 'rectified', overdue: false, late: true })
  })
})
