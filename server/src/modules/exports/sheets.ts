/** The office's figures as Excel sheets (Chinese headers; rates as percentages). */
import type { Participation, ParticipationGroup, ParticipationRow, ParticipationTotals, StreetDuty, StreetDutyUnit } from '@civic/shared'
import type { XlsxColumn, XlsxSheet } from '../../lib/xlsx'

type Line = ParticipationRow | (ParticipationTotals & { id: null; name: string; unit: null; community: null })

const PCT = '0.00%'
const H = '0.0'

const COLUMNS: Record<ParticipationGroup, Array<XlsxColumn<Line>>> = {
  community: [
    { header: '社区', value: (r) => r.name, width: 24 },
    { header: '注册居民', value: (r) => r.registered },
    { header: '常住人口', value: (r) => r.residentPopulation },
    { header: '参与人数', value: (r) => r.participants },
    { header: '参与率（注册居民）', value: (r) => r.rate, numFmt: PCT },
    { header: '参与率（常住人口）', value: (r) => r.populationRate, numFmt: PCT },
    { header: '志愿服务时长（小时）', value: (r) => r.volunteerHours, numFmt: H },
    { header: '人均时长（小时/注册居民）', value: (r) => r.hoursPerRegistered, numFmt: '0.00' },
    { header: '周上街时长（小时）', value: (r) => r.dutyHours, numFmt: H },
  ],
  unit: [
    { header: '单位', value: (r) => r.name, width: 24 },
    { header: '在编人数', value: (r) => r.headcount },
    { header: '注册职工', value: (r) => r.registered },
    { header: '参与人数', value: (r) => r.participants },
    { header: '参与率（在编人数）', value: (r) => r.rate, numFmt: PCT },
    { header: '志愿服务时长（小时）', value: (r) => r.volunteerHours, numFmt: H },
    { header: '周上街时长（小时）', value: (r) => r.dutyHours, numFmt: H },
  ],
  pairing: [
    { header: '单位', value: (r) => r.unit?.name ?? r.name, width: 24 },
    { header: '包联社区', value: (r) => r.community?.name ?? '', width: 24 },
    { header: '活动数', value: (r) => r.activities },
    { header: '参与人数', value: (r) => r.participants },
    { header: '志愿服务时长（小时）', value: (r) => r.volunteerHours, numFmt: H },
    { header: '周上街时长（小时）', value: (r) => r.dutyHours, numFmt: H },
    { header: '投入人时（小时）', value: (r) => r.personHours, numFmt: H },
  ],
}

const NOTES: Record<ParticipationGroup, string> = {
  community: '参与人数：本社区注册居民中，统计时段内至少参加过一次志愿服务活动（不含周上街）且考勤已审核通过的人数。',
  unit: '参与人数：本单位注册职工中，统计时段内至少参加过一次活动（含周上街）且考勤已审核通过的人数；在编人数为 0 时参与率为空。',
  pairing: '包联：单位在其包联社区组织的活动（未取消），参加人数按人去重，合计行同一人只计一次。',
}

function notesSheet(lines: Array<[string, string]>): XlsxSheet<[string, string]> {
  return {
    name: '说明',
    columns: [
      { header: '项目', value: (l) => l[0], width: 16 },
      { header: '内容', value: (l) => l[1], width: 90 },
    ],
    rows: lines,
  }
}

const COMMON_NOTES = (from: string, to: string): Array<[string, string]> => [
  ['统计时段', `${from} 至 ${to}（北京时间，含首尾两日）`],
  ['计入规则', '只计审核通过的考勤；已取消的活动不计；按活动开始时间所在的日期和周（周一至周日）归属。'],
]

export function participationSheets(data: Participation): Array<XlsxSheet<any>> {
  const total: Line = { ...data.totals, id: null, name: '合计', unit: null, community: null }
  return [
    {
      name: `参与情况（${data.groupBy === 'community' ? '社区' : data.groupBy === 'unit' ? '单位' : '包联'}）`,
      columns: COLUMNS[data.groupBy],
      rows: [...data.rows, total],
    },
    notesSheet([...COMMON_NOTES(data.from, data.to), ['口径', NOTES[data.groupBy]]]),
  ]
}

interface DutyLine {
  unit: string
  week: string
  monday: string
  onDuty: number
  required: number
  met: boolean | null
}

export function streetDutySheets(data: StreetDuty): Array<XlsxSheet<any>> {
  const lines: DutyLine[] = data.units.flatMap((u) => u.weeks.map((w) => ({ unit: u.name, ...w })))
  return [
    {
      name: '周上街达标率',
      columns: [
        { header: '单位', value: (u: StreetDutyUnit) => u.name, width: 24 },
        { header: '应上街周数', value: (u: StreetDutyUnit) => u.weeksRequired },
        { header: '达标周数', value: (u: StreetDutyUnit) => u.weeksMet },
        { header: '达标率', value: (u: StreetDutyUnit) => u.compliance, numFmt: PCT },
        {
          header: `最近一周（${data.latestWeek?.week ?? '无'}）`,
          value: (u: StreetDutyUnit) => {
            const cell = data.latestWeek && u.weeks.find((w) => w.monday === data.latestWeek!.monday)
            return !cell || cell.met === null ? '' : cell.met ? '达标' : '未达标'
          },
        },
      ] satisfies Array<XlsxColumn<StreetDutyUnit>>,
      rows: data.units,
    },
    {
      name: '每周明细',
      columns: [
        { header: '单位', value: (l: DutyLine) => l.unit, width: 24 },
        { header: '周', value: (l: DutyLine) => l.week },
        { header: '周一日期', value: (l: DutyLine) => l.monday, width: 12 },
        { header: '到岗人数', value: (l: DutyLine) => l.onDuty },
        { header: '应到人数', value: (l: DutyLine) => l.required },
        { header: '是否达标', value: (l: DutyLine) => (l.met === null ? '无要求' : l.met ? '达标' : '未达标') },
      ] satisfies Array<XlsxColumn<DutyLine>>,
      rows: lines,
    },
    notesSheet([
      ...COMMON_NOTES(data.from, data.to),
      ['口径', '到岗人数：本单位职工在本单位组织的周上街活动中签到且考勤有效的人数（按人去重）；应到人数：当周本单位周上街活动要求人数的最大值；当周无要求的不计入达标率。'],
    ]),
  ]
}
