/**
 * A volunteer's records: attendance, the points ledger, the summary (hours, star level, rank)
 * and the 志愿服务记录 with its certificate (民政部《志愿服务记录与证明出具办法》).
 */
import {
  GENDER_LABELS,
  STAR_NAMES,
  type ServiceRecord,
  type Summary,
  chinaDate,
  chinaDateRange,
  chinaToday,
  maskIdNumber,
  maskPhone,
  round2,
  starLevel,
} from '@civic/shared'
import type { Deps } from '../../deps'
import { AppError } from '../../http/errors'
import { withTx } from '../../db/tx'
import { isUniqueViolation } from '../../http/db-errors'
import { attendanceInclude, presentAttendance } from './presenter'

export async function myAttendance(deps: Deps, userId: number, page: number, pageSize: number) {
  const [rows, total] = await Promise.all([
    deps.prisma.attendance.findMany({
      where: { userId },
      include: attendanceInclude,
      orderBy: [{ activity: { startAt: 'desc' } }, { id: 'desc' }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
    deps.prisma.attendance.count({ where: { userId } }),
  ])
  return { items: rows.map((r) => presentAttendance(r, deps.cipher)), total }
}

export async function balanceOf(deps: Deps | { prisma: Deps['prisma'] }, userId: number): Promise<number> {
  const agg = await deps.prisma.pointsEntry.aggregate({ where: { userId }, _sum: { amount: true } })
  return agg._sum.amount ?? 0
}

export async function myPoints(deps: Deps, userId: number, page: number, pageSize: number) {
  const [entries, total, balance] = await Promise.all([
    deps.prisma.pointsEntry.findMany({ where: { userId }, orderBy: { id: 'desc' }, skip: (page - 1) * pageSize, take: pageSize }),
    deps.prisma.pointsEntry.count({ where: { userId } }),
    balanceOf(deps, userId),
  ])
  return {
    balance,
    total,
    entries: entries.map((e) => ({ id: e.id, amount: e.amount, reason: e.reason, sourceType: e.sourceType, createdAt: e.createdAt.toISOString() })),
  }
}

/** An office adjustment: an entry in the ledger; a balance never goes negative. */
export async function adjustPoints(deps: Deps, actorId: number, userId: number, amount: number, reason: string) {
  await withTx(deps.prisma, async (tx) => {
    const locked = await tx.$queryRaw<Array<{ id: number }>>`SELECT id FROM app_user WHERE id = ${userId} FOR UPDATE`
    if (!locked.length) throw new AppError('user_not_found')
    const agg = await tx.pointsEntry.aggregate({ where: { userId }, _sum: { amount: true } })
    if ((agg._sum.amount ?? 0) + amount < 0) throw new AppError('validation_failed', '调整后积分不能为负数')
    await tx.pointsEntry.create({ data: { userId, amount, reason, sourceType: 'adjustment', actorId } })
  })
  return myPoints(deps, userId, 1, 20)
}

interface HoursRow {
  volunteer: number
  duty: number
  year: number
}

async function hoursOf(deps: Deps, userId: number): Promise<HoursRow> {
  const { start } = chinaDateRange(`${chinaToday().slice(0, 4)}-01-01`, `${chinaToday().slice(0, 4)}-01-01`)
  const [row] = await deps.prisma.$queryRaw<HoursRow[]>`
    SELECT COALESCE(SUM(t.hours) FILTER (WHERE NOT ty.duty), 0)::float8 AS volunteer,
           COALESCE(SUM(t.hours) FILTER (WHERE ty.duty), 0)::float8 AS duty,
           COALESCE(SUM(t.hours) FILTER (WHERE NOT ty.duty AND a.start_at >= ${start}), 0)::float8 AS year
    FROM attendance t JOIN activity a ON a.id = t.activity_id JOIN activity_type ty ON ty.id = a.type_id
    WHERE t.user_id = ${userId} AND t.status = 'approved' AND a.status <> 'cancelled'`
  return row
}

export async function summary(deps: Deps, userId: number): Promise<Summary> {
  const user = await deps.prisma.user.findUnique({ where: { id: userId }, include: { community: { select: { id: true, name: true } } } })
  if (!user) throw new AppError('user_not_found')
  const [hours, points] = await Promise.all([hoursOf(deps, userId), balanceOf(deps, userId)])
  const star = starLevel(hours.volunteer, deps.config.starThresholds)
  let rankInCommunity: Summary['rankInCommunity'] = null
  if (user.community) {
    // rank among the community's registered residents by approved volunteer hours (ties share a rank)
    const [r] = await deps.prisma.$queryRaw<Array<{ rank: number; of: number }>>`
      WITH h AS (
        SELECT u.id, COALESCE(SUM(t.hours) FILTER (WHERE t.status = 'approved' AND NOT ty.duty AND a.status <> 'cancelled'), 0) AS hours
        FROM app_user u
        LEFT JOIN attendance t ON t.user_id = u.id
        LEFT JOIN activity a ON a.id = t.activity_id
        LEFT JOIN activity_type ty ON ty.id = a.type_id
        WHERE u.community_id = ${user.community.id}
        GROUP BY u.id
      )
      SELECT (SELECT count(*) FROM h WHERE h.hours > me.hours)::int + 1 AS rank, (SELECT count(*) FROM h)::int AS of
      FROM h me WHERE me.id = ${userId}`
    if (r) rankInCommunity = { rank: r.rank, of: r.of, community: user.community }
  }
  return {
    hoursThisYear: round2(hours.year),
    totalHours: round2(hours.volunteer),
    dutyHours: round2(hours.duty),
    points,
    star: { ...star, name: STAR_NAMES[star.level] ?? `${star.level}星志愿者` },
    rankInCommunity,
  }
}

/** The record as the 民政部 rules list it: identity (ID masked), and each service. */
export async function serviceRecord(deps: Deps, userId: number, from?: string, to?: string): Promise<ServiceRecord> {
  const user = await deps.prisma.user.findUnique({
    where: { id: userId },
    include: { community: { select: { id: true, name: true } }, unit: { select: { id: true, name: true } } },
  })
  if (!user) throw new AppError('user_not_found')
  const period = { from: from ?? '2000-01-01', to: to ?? chinaToday() }
  if (period.from > period.to) throw new AppError('validation_failed', '开始日期不能晚于结束日期')
  const range = chinaDateRange(period.from, period.to)
  const rows = await deps.prisma.attendance.findMany({
    where: {
      userId,
      status: 'approved',
      hours: { gt: 0 },
      activity: { status: { not: 'cancelled' }, type: { duty: false }, startAt: { gte: range.start, lt: range.end } },
    },
    include: {
      activity: {
        include: {
          type: { select: { name: true } },
          organiserUnit: { select: { name: true } },
          organiserCommunity: { select: { name: true } },
          createdBy: { select: { realName: true } },
        },
      },
      recordedBy: { select: { realName: true } },
      approvedBy: { select: { realName: true } },
    },
    orderBy: { activity: { startAt: 'asc' } },
  })
  const services = rows.map((r) => ({
    activityId: r.activity.id,
    name: r.activity.title,
    type: r.activity.type.name,
    date: chinaDate(r.activity.startAt),
    place: r.activity.address,
    content: r.activity.description || r.activity.type.name,
    hours: r.hours.toNumber(),
    organiser: r.activity.organiserUnit?.name ?? r.activity.organiserCommunity?.name ?? '',
    personInCharge: r.activity.createdBy.realName,
    // 谁组织谁记录: the organiser who recorded by hand, else the organising body's system record
    recorder: r.recordedBy?.realName ?? r.approvedBy?.realName ?? '系统签到记录',
  }))
  return {
    volunteer: {
      id: user.id,
      name: user.realName,
      gender: user.gender ? GENDER_LABELS[user.gender] : null,
      birthYear: user.birthYear,
      idType: '居民身份证',
      idNumber: maskIdNumber(user.idNumberEnc ? deps.cipher.decrypt(user.idNumberEnc) : null),
      phone: maskPhone(user.phoneEnc ? deps.cipher.decrypt(user.phoneEnc) : null),
      skills: user.skills,
      community: user.community,
      unit: user.unit,
    },
    period,
    services,
    totalHours: round2(services.reduce((s, x) => s + x.hours, 0)),
  }
}

const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

export function certificateHtml(number: string, issuedAt: Date, r: ServiceRecord, issuer: string): string {
  const rows = r.services
    .map(
      (s) =>
        `<tr><td>${esc(s.date)}</td><td>${esc(s.name)}</td><td>${esc(s.place)}</td><td>${esc(s.content)}</td><td>${s.hours}</td><td>${esc(s.organiser)}</td><td>${esc(s.recorder)}</td></tr>`,
    )
    .join('')
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>志愿服务记录证明 ${esc(number)}</title>
<style>body{font-family:"Noto Serif CJK SC","SimSun",serif;max-width:800px;margin:2em auto;color:#222}h1{text-align:center;letter-spacing:.3em}
table{width:100%;border-collapse:collapse;font-size:13px}td,th{border:1px solid #999;padding:4px 6px}.meta{display:flex;justify-content:space-between}
@media print{button{display:none}}</style></head><body>
<h1>志愿服务记录证明</h1>
<p class="meta"><span>证明编号：${esc(number)}</span><span>出具日期：${esc(chinaDate(issuedAt))}</span></p>
<p>兹证明 <b>${esc(r.volunteer.name)}</b>（${esc(r.volunteer.gender ?? '')}，${esc(r.volunteer.idType)}：${esc(r.volunteer.idNumber ?? '未登记')}）
于 ${esc(r.period.from)} 至 ${esc(r.period.to)} 期间参加志愿服务 ${r.services.length} 次，累计志愿服务时长 <b>${r.totalHours}</b> 小时。具体记录如下：</p>
<table><thead><tr><th>日期</th><th>活动</th><th>地点</th><th>服务内容</th><th>时长(小时)</th><th>组织单位</th><th>记录人</th></tr></thead><tbody>${rows}</tbody></table>
<p>本证明依据组织单位的志愿服务记录出具（谁记录谁证明），记录真实、准确、完整。</p>
<p>出具单位：${esc(issuer)}　　经办人：________　　联系电话：________</p>
<button onclick="print()">打印</button></body></html>`
}

/** Issues a numbered certificate for the period (recorded, so the number can be checked later). */
export async function issueCertificate(deps: Deps, issuerId: number, userId: number, from?: string, to?: string) {
  const record = await serviceRecord(deps, userId, from, to)
  const year = chinaToday().slice(0, 4)
  // numbers run per year; two issued at once may pick the same one: the unique key decides, try again
  let cert
  for (let attempt = 1; ; attempt++) {
    const [{ n }] = await deps.prisma.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int + 1 AS n FROM certificate WHERE number LIKE ${`ZYFW-${year}-%`}`
    try {
      cert = await deps.prisma.certificate.create({
        data: {
          number: `ZYFW-${year}-${String(n).padStart(6, '0')}`,
          userId,
          fromDate: record.period.from,
          toDate: record.period.to,
          hours: record.totalHours,
          issuedById: issuerId,
        },
      })
      break
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 10) throw err
    }
  }
  const html = certificateHtml(cert.number, cert.createdAt, record, deps.config.officeName)
  return { number: cert.number, issuedAt: cert.createdAt.toISOString(), record, html }
}
