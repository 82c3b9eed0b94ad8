/**
 * On-time rectification per unit (the 红黑榜 figure) over the reports ASSIGNED in a period of
 * China dates. For each unit:
 * - assigned: reports assigned to it in the period
 * - rectifiedOnTime: rectified (or rectified and closed) by the deadline
 * - overdue: still open past the deadline, or rectified after it
 * - open: assigned or accepted and not rectified yet (due or not)
 * - onTimeRate: rectifiedOnTime / (rectifiedOnTime + overdue), null while nothing is due
 * The office sees every unit; an organiser the units they organise.
 */
import {
  chinaDateRange,
  formatChina,
  REPORT_STATUS_LABELS,
  type RectificationStats,
  type RectificationStatsRow,
  statsPeriodProblem,
} from '@civic/shared'
import type { SessionUser } from '../../auth/roles'
import type { Deps } from '../../deps'
import { AppError } from '../../http/errors'
import type { XlsxSheet } from '../../lib/xlsx'
import { isLate, isOnTime, isOverdue, OPEN_STATUSES } from './rules'

type Timing = Parameters<typeof isOverdue>[0]

export function tally(unit: { id: number; name: string }, rows: Timing[], now: Date): RectificationStatsRow {
  const rectifiedOnTime = rows.filter((r) => isOnTime(r)).length
  const overdue = rows.filter((r) => isOverdue(r, now) || isLate(r)).length
  const due = rectifiedOnTime + overdue
  return {
    unit,
    assigned: rows.length,
    rectifiedOnTime,
    overdue,
    open: rows.filter((r) => OPEN_STATUSES.includes(r.status)).length,
    onTimeRate: due === 0 ? null : Math.round((rectifiedOnTime / due) * 10_000) / 10_000,
  }
}

function period(from: string, to: string) {
  const problem = statsPeriodProblem(from, to)
  if (problem) throw new AppError(problem)
  return chinaDateRange(from, to)
}

/** Reports assigned in the period (with what the detail sheet shows), for the units the caller sees. */
async function assignedIn(deps: Deps, user: SessionUser, from: string, to: string) {
  const { start, end } = period(from, to)
  const units = await deps.prisma.unit.findMany({
    where: user.isOffice ? {} : { id: { in: user.organiserUnitIds } },
    select: { id: true, name: true },
    orderBy: { id: 'asc' },
  })
  const reports = await deps.prisma.report.findMany({
    where: {
      unitId: { in: units.map((u) => u.id) },
      events: { some: { kind: 'assigned', createdAt: { gte: start, lt: end } } },
    },
    select: {
      id: true,
      unitId: true,
      status: true,
      deadline: true,
      rectifiedAt: true,
      closedAt: true,
      createdAt: true,
      description: true,
      address: true,
      category: { select: { name: true } },
      community: { select: { name: true } },
      events: { where: { kind: 'assigned' }, select: { createdAt: true }, take: 1 },
    },
    orderBy: { id: 'asc' },
  })
  return { units, reports }
}

export async function rectificationStats(deps: Deps, user: SessionUser, from: string, to: string): Promise<RectificationStats> {
  const now = new Date()
  const { units, reports } = await assignedIn(deps, user, from, to)
  return { from, to, items: units.map((u) => tally(u, reports.filter((r) => r.unitId === u.id), now)) }
}

/** The figures and the reports behind them, as Excel sheets (Chinese headers). */
export async function rectificationSheets(deps: Deps, user: SessionUser, from: string, to: string): Promise<XlsxSheet<any>[]> {
  const now = new Date()
  const { units, reports } = await assignedIn(deps, user, from, to)
  const unitName = new Map(units.map((u) => [u.id, u.name]))
  const rows = units.map((u) => tally(u, reports.filter((r) => r.unitId === u.id), now))
  const time = (d: Date | null | undefined) => (d ? formatChina(d) : '')
  const summary: XlsxSheet<RectificationStatsRow> = {
    name: '整改统计',
    columns: [
      { header: '责任单位', value: (r) => r.unit.name, width: 24 },
      { header: '交办数', value: (r) => r.assigned },
      { header: '按期整改', value: (r) => r.rectifiedOnTime },
      { header: '超期', value: (r) => r.overdue },
      { header: '未整改', value: (r) => r.open },
      { header: '按期整改率', value: (r) => r.onTimeRate, numFmt: '0.00%' },
    ],
    rows,
  }
  const detail: XlsxSheet<(typeof reports)[number]> = {
    name: '整改明细',
    columns: [
      { header: '编号', value: (r) => r.id },
      { header: '责任单位', value: (r) => unitName.get(r.unitId!) ?? '', width: 24 },
      { header: '问题分类', value: (r) => r.category.name },
      { header: '社区', value: (r) => r.community.name, width: 16 },
      { header: '位置', value: (r) => r.address, width: 30 },
      { header: '问题描述', value: (r) => r.description, width: 50 },
      { header: '状态', value: (r) => REPORT_STATUS_LABELS[r.status] },
      { header: '上报时间', value: (r) => time(r.createdAt), width: 18 },
      { header: '交办时间', value: (r) => time(r.events[0]?.createdAt), width: 18 },
      { header: '整改期限', value: (r) => time(r.deadline), width: 18 },
      { header: '整改时间', value: (r) => time(r.rectifiedAt), width: 18 },
      { header: '办结时间', value: (r) => time(r.closedAt), width: 18 },
      { header: '是否超期', value: (r) => (isOverdue(r, now) || isLate(r) ? '超期' : '') },
    ],
    rows: reports,
  }
  const notes: XlsxSheet<[string, string]> = {
    name: '说明',
    columns: [
      { header: '项目', value: (l) => l[0], width: 16 },
      { header: '内容', value: (l) => l[1], width: 90 },
    ],
    rows: [
      ['统计时段', `${from} 至 ${to}（北京时间，含首尾两日），按交办时间统计`],
      ['按期整改', '在整改期限（期限当日 24 时前）提交整改的问题，含已核验办结的'],
      ['超期', '超过整改期限仍未提交整改，或超过期限后才提交整改的问题'],
      ['未整改', '已交办、尚未提交整改的问题（含未到期的）'],
      ['按期整改率', '按期整改 ÷（按期整改 + 超期）；没有到期的问题时为空'],
      ['导出时间', formatChina(now)],
    ],
  }
  return [summary, detail, notes]
}
