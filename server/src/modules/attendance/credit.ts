/**
 * Hours and points of an attendance record, and its credit in the append-only ledger.
 * Each revision of a record credits at most once (the ledger's unique `dedupe_key`); a
 * correction reverses the current credit with a negative entry before the new one.
 */
import { capDailyPoints, chinaDateRange, chinaDate, pointsForHours, serviceHours } from '@civic/shared'
import type { Tx } from '../../db/tx'

export interface RuleRow {
  points_per_hour: number | string
  max_hours_per_activity: number | string | null
  max_points_per_day: number | null
}

export function hoursFor(
  a: { start_at: Date; end_at: Date } & RuleRow,
  checkIn: Date | null,
  checkOut: Date | null,
  step: number,
): number {
  return serviceHours({
    checkIn,
    checkOut,
    start: a.start_at,
    end: a.end_at,
    step,
    cap: a.max_hours_per_activity == null ? null : Number(a.max_hours_per_activity),
  })
}

interface Credit {
  attendanceId: number
  userId: number
  revision: number
  hours: number
  activity: { id: number; title: string; type_id: number; start_at: Date } & RuleRow
  actorId: number | null
}

/** Credits the record's hours (call inside a transaction). Returns the points credited. */
export async function credit(tx: Tx, c: Credit): Promise<number> {
  if (c.hours <= 0) return 0
  // the person's credits are decided one at a time (the daily cap)
  await tx.$queryRaw`SELECT id FROM app_user WHERE id = ${c.userId} FOR UPDATE`
  const day = chinaDateRange(chinaDate(c.activity.start_at), chinaDate(c.activity.start_at))
  const [{ earned }] = await tx.$queryRaw<Array<{ earned: number }>>`
    SELECT COALESCE(SUM(t.credited_points), 0)::int AS earned
    FROM attendance t JOIN activity a ON a.id = t.activity_id
    WHERE t.user_id = ${c.userId} AND a.type_id = ${c.activity.type_id}
      AND a.start_at >= ${day.start} AND a.start_at < ${day.end} AND t.id <> ${c.attendanceId}`
  const points = capDailyPoints(
    pointsForHours(c.hours, { pointsPerHour: Number(c.activity.points_per_hour) }),
    earned,
    c.activity.max_points_per_day,
  )
  if (points <= 0) return 0
  const inserted = await tx.$executeRaw`
    INSERT INTO points_entry (user_id, amount, reason, source_type, source_id, dedupe_key, actor_id)
    VALUES (${c.userId}, ${points}, ${`参加「${c.activity.title}」服务 ${c.hours} 小时`.slice(0, 200)}, 'attendance',
            ${String(c.attendanceId)}, ${`attendance:${c.attendanceId}:r${c.revision}`}, ${c.actorId})
    ON CONFLICT (dedupe_key) DO NOTHING`
  if (inserted === 0) return 0
  await tx.$executeRaw`UPDATE attendance SET credited_points = ${points} WHERE id = ${c.attendanceId}`
  return points
}

/** Reverses the record's current credit and opens the next revision (call inside a transaction). */
export async function reverse(
  tx: Tx,
  r: { attendanceId: number; userId: number; revision: number; creditedPoints: number; title: string; actorId: number | null },
): Promise<number> {
  if (r.creditedPoints > 0) {
    await tx.$executeRaw`
      INSERT INTO points_entry (user_id, amount, reason, source_type, source_id, dedupe_key, actor_id)
      VALUES (${r.userId}, ${-r.creditedPoints}, ${`更正「${r.title}」考勤，撤销原积分`.slice(0, 200)}, 'attendance',
              ${String(r.attendanceId)}, ${`attendance:${r.attendanceId}:r${r.revision}:reversal`}, ${r.actorId})
      ON CONFLICT (dedupe_key) DO NOTHING`
  }
  const next = r.revision + 1
  await tx.$executeRaw`UPDATE attendance SET credited_points = 0, revision = ${next} WHERE id = ${r.attendanceId}`
  return next
}
