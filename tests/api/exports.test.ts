/**
 * The Excel exports, opened with exceljs as the office would open them: the figures equal the
 * JSON API's (and the fixture's count), headers are Chinese, a name that Excel would take for a
 * formula (`=HYPERLINK(…)`, `@SUM(…)`, `+…`, `-…`) arrives as inert text, the download has the
 * xlsx type and a UTF-8 file name, ID numbers are complete only for the office, phones are always
 * masked, organisers get only their own rows, volunteers 403.
 */
import { randomBytes } from 'node:crypto'
import ExcelJS from 'exceljs'
import { type TestApp, createTestApp } from '../helpers/app'
import { makeCommunity, makeUnit, makeUser } from '../helpers/factories'

const FROM = '2026-09-01'
const TO = '2026-09-30'
const EVIL_COMMUNITY = '=HYPERLINK("http://evil.example","点我")'
const EVIL_UNIT = '+cmd|" /C calc"!A0'
const EVIL_PERSON = '@SUM(A1:A9)'
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const ID = '110101199003071234'
const PHONE = '13812345678'

type Row = Array<ExcelJS.CellValue>

/** A sheet as arrays of cell values (1-based columns dropped), header first. */
function rowsOf(ws: ExcelJS.Worksheet): Row[] {
  const out: Row[] = []
  ws.eachRow({ includeEmpty: false }, (r) => out.push((r.values as Row).slice(1)))
  return out
}

describe('Excel exports', () => {
  let t: TestApp
  let ids: { evil: number; plain: number; unit: number; evilUnit: number; office: number; org: number; orgC: number; vol: number; staff: number; resident: number }
  const tokens: Record<string, string> = {}

  async function download(as: string, url: string) {
    return t.http
      .get(url)
      .set('Authorization', `Bearer ${tokens[as]}`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => cb(null, Buffer.concat(chunks)))
      })
  }
  async function workbook(body: Buffer) {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(body as unknown as ArrayBuffer)
    return wb
  }
  const json = async (as: string, url: string) => (await t.http.get(url).set('Authorization', `Bearer ${tokens[as]}`)).body

  beforeAll(async () => {
    t = await createTestApp()
    const p = t.db.prisma
    const evil = await makeCommunity(p, { name: EVIL_COMMUNITY, residentPopulation: 800 })
    const plain = await makeCommunity(p, { name: '南门社区' })
    const unit = await makeUnit(p, { name: '区教育局', headcount: 4 })
    const evilUnit = await makeUnit(p, { name: EVIL_UNIT, headcount: 0 })
    await p.pairing.create({ data: { unitId: unit.id, communityId: evil.id } })
    const office = await makeUser(p, { office: true })
    const org = await makeUser(p, { organiserOfUnit: unit.id })
    const orgC = await makeUser(p, { organiserOfCommunity: plain.id })
    const vol = await makeUser(p)
    const staff = await makeUser(p, { unitId: unit.id, communityId: evil.id, realName: EVIL_PERSON, idNumber: ID, phone: PHONE })
    const resident = await makeUser(p, { communityId: plain.id, realName: '-李四', idNumber: '110101198001010012', phone: '13900001111' })
    const other = await makeUser(p, { communityId: evil.id, realName: '王五' })
    const type = await p.activityType.create({ data: { name: '文明交通', duty: false } })
    const duty = await p.activityType.create({ data: { name: '周上街', duty: true } })
    const mk = (typeId: number, start: string, extra: { requiredHeadcount?: number; status?: 'cancelled' } = {}) =>
      p.activity.create({
        data: {
          shortKey: randomBytes(5).toString('hex'),
          title: `活动${start}`,
          typeId,
          organiserUnitId: unit.id,
          communityId: evil.id,
          address: '人民路',
          latitude: 34.26,
          longitude: 108.94,
          startAt: new Date(`${start}+08:00`),
          endAt: new Date(new Date(`${start}+08:00`).getTime() + 2 * 3_600_000),
          capacity: 20,
          signupDeadline: new Date(`${start}+08:00`),
          createdById: office.id,
          ...extra,
        },
      })
    const a1 = await mk(type.id, '2026-09-07T09:00:00')
    const a2 = await mk(type.id, '2026-09-14T09:00:00', { status: 'cancelled' })
    const d1 = await mk(duty.id, '2026-09-09T08:00:00', { requiredHeadcount: 1 })
    const d2 = await mk(duty.id, '2026-09-16T08:00:00', { requiredHeadcount: 2 })
    const present = (activityId: number, userId: number, hours: number, status: 'approved' | 'pending' = 'approved') =>
      p.attendance.create({
        data: { activityId, userId, source: status === 'approved' ? 'scan' : 'manual', status, checkInAt: new Date(), hours, reason: status === 'pending' ? '补录' : null },
      })
    await present(a1.id, staff.id, 2)
    await present(a1.id, other.id, 1.5)
    await present(a1.id, resident.id, 2, 'pending')
    await present(a2.id, resident.id, 3)
    await present(d1.id, staff.id, 2)
    await present(d2.id, staff.id, 2)
    ids = { evil: evil.id, plain: plain.id, unit: unit.id, evilUnit: evilUnit.id, office: office.id, org: org.id, orgC: orgC.id, vol: vol.id, staff: staff.id, resident: resident.id }
    for (const [k, id] of Object.entries({ office: office.id, org: org.id, orgC: orgC.id, vol: vol.id })) tokens[k] = await t.tokenFor(id)
  }, 60_000)
  afterAll(() => t.close())

  test('when the community participation is downloaded, then it is an xlsx with a UTF-8 name and the API’s figures', async () => {
    const res = await download('office', `/api/exports/participation.xlsx?groupBy=community&from=${FROM}&to=${TO}`)

    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe(XLSX)
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="participation-community-${FROM}-${TO}.xlsx"; filename*=UTF-8''${encodeURIComponent(`参与率-社区-${FROM}至${TO}.xlsx`)}`,
    )
    const api = await json('office', `/api/stats/participation?groupBy=community&from=${FROM}&to=${TO}`)
    const rows = rowsOf((await workbook(res.body)).worksheets[0])
    expect(rows[0].slice(0, 4)).toEqual(['社区', '注册居民', '常住人口', '参与人数'])
    const evilRow = rows.find((r) => r[0] === `'${EVIL_COMMUNITY}`)!
    const apiRow = api.rows.find((r: { id: number }) => r.id === ids.evil)
    // residents of the community: the staff member and 王五 served, both approved
    expect(apiRow.participants).toBe(2)
    expect(evilRow.slice(1, 5)).toEqual([apiRow.registered, apiRow.residentPopulation, apiRow.participants, apiRow.rate])
    expect(evilRow[6]).toBe(apiRow.volunteerHours)
    expect(rows.at(-1)![0]).toBe('合计')
    expect(rows.at(-1)![3]).toBe(api.totals.participants)
  })

  test('when a name would be a formula, then the cell is inert text beginning with an apostrophe', async () => {
    const res = await download('office', `/api/exports/participation.xlsx?groupBy=unit&from=${FROM}&to=${TO}`)
    const ws = (await workbook(res.body)).worksheets[0]

    const cells: ExcelJS.Cell[] = []
    ws.eachRow((r) => r.eachCell((c) => cells.push(c)))
    expect(cells.some((c) => c.type === ExcelJS.ValueType.Formula)).toBe(false)
    const evil = cells.find((c) => typeof c.value === 'string' && c.value.includes('calc'))!
    expect(evil.value).toBe(`'${EVIL_UNIT}`)
    expect(evil.type).toBe(ExcelJS.ValueType.String)
    // headcount 0: the rate cell is empty, not a division error
    const row = ws.getRow(evil.row as unknown as number)
    expect(row.getCell(5).value).toBeNull()
  })

  test('when the street-duty workbook is downloaded, then compliance and the weekly detail equal the API', async () => {
    const res = await download('office', `/api/exports/street-duty.xlsx?from=${FROM}&to=${TO}`)
    const api = await json('office', `/api/stats/street-duty?from=${FROM}&to=${TO}`)
    const wb = await workbook(res.body)

    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('周上街达标')}`)
    const summary = rowsOf(wb.getWorksheet('周上街达标率')!)
    const unit = api.units.find((u: { id: number }) => u.id === ids.unit)
    expect(unit).toMatchObject({ weeksRequired: 2, weeksMet: 1, compliance: 0.5 })
    expect(summary.find((r) => r[0] === '区教育局')!.slice(1, 4)).toEqual([unit.weeksRequired, unit.weeksMet, unit.compliance])
    const detail = rowsOf(wb.getWorksheet('每周明细')!)
    expect(detail.length - 1).toBe(api.units.length * api.weeks.length)
    expect(detail.filter((r) => r[0] === '区教育局' && r[5] === '未达标')).toHaveLength(1)
  })

  test('when the office downloads the volunteer list, then ID numbers are complete, phones masked, hours counted', async () => {
    const res = await download('office', '/api/exports/volunteers.xlsx')
    const rows = rowsOf((await workbook(res.body)).worksheets[0])

    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('志愿者名册')}`)
    expect(rows[0]).toEqual(['姓名', '性别', '证件类型', '证件号码', '手机号码', '所属社区', '所在单位', '累计志愿服务时长（小时）', '注册日期'])
    expect(rows).toHaveLength(1 + (await t.db.prisma.user.count()))
    const staff = rows.find((r) => r[0] === `'${EVIL_PERSON}`)!
    // duty hours are not volunteer hours
    expect(staff.slice(1, 8)).toEqual(['男', '居民身份证', ID, '138****5678', `'${EVIL_COMMUNITY}`, '区教育局', 2])
    const resident = rows.find((r) => r[0] === "'-李四")!
    // pending and cancelled hours do not count
    expect(resident[7]).toBe(0)
  })

  test('when an organiser downloads, then only their own people and rows are in it and ID numbers are masked', async () => {
    const [people, units, communities] = await Promise.all([
      download('org', '/api/exports/volunteers.xlsx'),
      download('org', `/api/exports/participation.xlsx?groupBy=unit&from=${FROM}&to=${TO}`),
      download('orgC', `/api/exports/participation.xlsx?groupBy=community&from=${FROM}&to=${TO}`),
    ])

    const list = rowsOf((await workbook(people.body)).worksheets[0])
    expect(list.slice(1).map((r) => r[0])).toEqual([`'${EVIL_PERSON}`])
    expect(list[1][3]).toBe('1101**********1234')
    const unitRows = rowsOf((await workbook(units.body)).worksheets[0])
    expect(unitRows.slice(1).map((r) => r[0])).toEqual(['区教育局', '合计'])
    const communityRows = rowsOf((await workbook(communities.body)).worksheets[0])
    expect(communityRows.slice(1).map((r) => r[0])).toEqual(['南门社区', '合计'])
  })

  test('when a volunteer asks for an export, then 403', async () => {
    for (const url of ['/api/exports/volunteers.xlsx', `/api/exports/participation.xlsx?from=${FROM}&to=${TO}`, `/api/exports/street-duty.xlsx?from=${FROM}&to=${TO}`]) {
      const res = await t.http.get(url).set('Authorization', `Bearer ${tokens.vol}`)
      expect(res.status).toBe(403)
    }
  })

  test('when an export’s period is reversed, then 400 with the stable code, not a broken file', async () => {
    const res = await t.http.get(`/api/exports/street-duty.xlsx?from=${TO}&to=${FROM}`).set('Authorization', `Bearer ${tokens.office}`)

    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('stats_period_reversed')
  })
})
