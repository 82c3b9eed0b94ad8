/**
 * Sign-up, cancellation and waitlist promotion. Capacity is held by the database: each
 * decision runs in a transaction that locks the person (their sign-ups are decided one at a
 * time, so overlaps cannot slip through) and then the activity row (its places are decided one
 * at a time), and the sign-up row is unique per (activity, person).
 */
import type { SignupResult } from '@civic/shared'
import type { SessionUser } from '../../auth/roles'
import { type Tx, withTx } from '../../db/tx'
import type { Deps } from '../../deps'
import { AppError } from '../../http/errors'
import { activityNotice } from './notices'

interface LockedActivity {
  id: number
  title: string
  status: 'published' | 'cancelled' | 'closed'
  start_at: Date
  end_at: Date
  signup_deadline: Date
  capacity: number
  audience: 'everyone' | 'community_residents' | 'unit_staff'
  community_id: number
  organiser_unit_id: number | null
  allow_walk_in: boolean
  waitlist_enabled: boolean
}

export async function lockActivity(tx: Tx, activityId: number): Promise<LockedActivity> {
  const rows = await tx.$queryRaw<LockedActivity[]>`
    SELECT id, title, status::text AS status, start_at, end_at, signup_deadline, capacity, audience::text AS audience,
           community_id, organiser_unit_id, allow_walk_in, waitlist_enabled
    FROM activity WHERE id = ${activityId} FOR UPDATE`
  if (!rows.length) throw new AppError('activity_not_found')
  return rows[0]
}

async function lockUser(tx: Tx, userId: number) {
  await tx.$queryRaw`SELECT id FROM app_user WHERE id = ${userId} FOR UPDATE`
}

/** The person's confirmed sign-up that overlaps [start, end), other than this activity. */
async function overlapping(tx: Tx, userId: number, a: { id: number; start_at: Date; end_at: Date }) {
  const rows = await tx.$queryRaw<Array<{ id: number; title: string }>>`
    SELECT a.id, a.title FROM signup s JOIN activity a ON a.id = s.activity_id
    WHERE s.user_id = ${userId} AND s.status = 'confirmed' AND a.status <> 'cancelled' AND a.id <> ${a.id}
      AND a.start_at < ${a.end_at} AND a.end_at > ${a.start_at}
    ORDER BY a.start_at LIMIT 1`
  return rows[0] ?? null
}

async function confirmedCount(tx: Tx, activityId: number): Promise<number> {
  const rows = await tx.$queryRaw<Array<{ n: number }>>`
    SELECT count(*)::int AS n FROM signup WHERE activity_id = ${activityId} AND status = 'confirmed'`
  return rows[0].n
}

export async function waitlistPosition(tx: Tx | Deps['prisma'], activityId: number, queueSeq: bigint): Promise<number> {
  const rows = await tx.$queryRaw<Array<{ n: number }>>`
    SELECT count(*)::int AS n FROM signup
    WHERE activity_id = ${activityId} AND status = 'waitlisted' AND queue_seq <= ${queueSeq}`
  return rows[0].n
}

/** Unexcused no-shows in the rolling year (since the office last lifted a suspension). */
async function noShows(tx: Tx, userId: number, now: Date): Promise<number> {
  const yearAgo = new Date(now.getTime() - 365 * 24 * 3_600_000)
  const rows = await tx.$queryRaw<Array<{ n: number }>>`
    SELECT count(*)::int AS n FROM attendance t JOIN activity a ON a.id = t.activity_id
    JOIN app_user u ON u.id = t.user_id
    WHERE t.user_id = ${userId} AND t.status = 'no_show' AND a.start_at >= ${yearAgo}
      AND (u.suspension_lifted_at IS NULL OR a.start_at > u.suspension_lifted_at)`
  return rows[0].n
}

function eligible(user: SessionUser, a: LockedActivity): boolean {
  if (a.audience === 'community_residents') return user.communityId === a.community_id
  if (a.audience === 'unit_staff') return a.organiser_unit_id != null && user.unitId === a.organiser_unit_id
  return true
}

export async function signUp(deps: Deps, user: SessionUser, activityId: number): Promise<SignupResult> {
  if (!user.profileComplete) throw new AppError('profile_incomplete')
  return withTx(deps.prisma, async (tx) => {
    const now = new Date()
    await lockUser(tx, user.id)
    const a = await lockActivity(tx, activityId)
    if (a.status === 'cancelled') throw new AppError('activity_cancelled')
    if (a.status === 'closed' || now > a.signup_deadline || now >= a.end_at) throw new AppError('signup_closed')
    if (!eligible(user, a)) throw new AppError('not_eligible')
    if ((await noShows(tx, user.id, now)) >= deps.config.noShowLimit) throw new AppError('signup_suspended')

    const other = await overlapping(tx, user.id, a)
    if (other) {
      throw new AppError('signup_overlaps', `与你已报名的「${other.title}」时间冲突`, { activityId: other.id, title: other.title })
    }

    const full = (await confirmedCount(tx, a.id)) >= a.capacity
    if (full && !a.waitlist_enabled && !a.allow_walk_in) throw new AppError('activity_full')
    const status = full ? 'waitlisted' : 'confirmed'
    // one row per (activity, person): a cancelled one is reused; an active one means a duplicate
    const rows = await tx.$queryRaw<Array<{ status: string; queue_seq: bigint | null }>>`
      INSERT INTO signup (activity_id, user_id, status, queue_seq, created_at, updated_at)
      VALUES (${a.id}, ${user.id}, ${status}::"SignupStatus",
              CASE WHEN ${status} = 'waitlisted' THEN nextval('signup_queue_seq') END, now(), now())
      ON CONFLICT (activity_id, user_id) DO UPDATE
        SET status = EXCLUDED.status, queue_seq = EXCLUDED.queue_seq, cancelled_at = NULL,
            created_at = now(), updated_at = now()
        WHERE signup.status = 'cancelled'
      RETURNING status::text AS status, queue_seq`
    if (!rows.length) throw new AppError('signup_duplicate')
    const row = rows[0]
    if (row.status === 'confirmed') return { status: 'confirmed', position: null }
    return { status: 'waitlisted', position: await waitlistPosition(tx, a.id, row.queue_seq!) }
  })
}

export async function cancelSignup(deps: Deps, user: SessionUser, activityId: number): Promise<{ promoted: number }> {
  return withTx(deps.prisma, async (tx) => {
    const now = new Date()
    await lockUser(tx, user.id)
    const a = await lockActivity(tx, activityId)
    if (a.status === 'cancelled') throw new AppError('activity_cancelled')
    if (now > a.signup_deadline || now >= a.end_at) throw new AppError('signup_closed', '报名已截止，不能再取消')
    const rows = await tx.$queryRaw<Array<{ was: string }>>`
      UPDATE signup s SET status = 'cancelled', queue_seq = NULL, cancelled_at = now(), updated_at = now()
      FROM signup old
      WHERE s.id = old.id AND s.activity_id = ${a.id} AND s.user_id = ${user.id} AND s.status <> 'cancelled'
      RETURNING old.status::text AS was`
    if (!rows.length) throw new AppError('signup_not_found')
    const promoted = rows[0].was === 'confirmed' ? await promoteWaitlisted(tx, a) : 0
    return { promoted }
  })
}

/**
 * Fills free places from the waitlist, in order. Someone who meanwhile holds an overlapping
 * confirmed sign-up is passed over (and stays on the waitlist). Call with the activity locked.
 */
export async function promoteWaitlisted(tx: Tx, a: Pick<LockedActivity, 'id' | 'title' | 'capacity' | 'start_at' | 'end_at'>) {
  let free = a.capacity - (await confirmedCount(tx, a.id))
  let promoted = 0
  const passedOver: number[] = [0]
  while (free > 0) {
    const next = await tx.$queryRaw<Array<{ id: number; user_id: number }>>`
      SELECT id, user_id FROM signup
      WHERE activity_id = ${a.id} AND status = 'waitlisted' AND NOT (id = ANY(${passedOver}))
      ORDER BY queue_seq LIMIT 1`
    if (!next.length) break
    const { id, user_id } = next[0]
    await lockUser(tx, user_id)
    if (await overlapping(tx, user_id, a)) {
      passedOver.push(id)
      continue
    }
    await tx.$executeRaw`
      UPDATE signup SET status = 'confirmed', queue_seq = NULL, updated_at = now() WHERE id = ${id}`
    await tx.notice.create({ data: activityNotice('waitlist_promoted', user_id, a) })
    free -= 1
    promoted += 1
  }
  return promoted
}
