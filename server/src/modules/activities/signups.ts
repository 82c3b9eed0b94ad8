/**
 * Sign-up, cancellation and waitlist promotion. Capacity is held by the database: each
 * decision locks the person (their sign-ups are decided one at a time, so overlaps cannot slip
 * through) and then the activity row (its places are decided one at a time), and the sign-up
 * row is unique per (activity, person).
 */
import type { SignupResult } from '@civic/shared'
import type { SessionUser } from '../../auth/roles'
import { Prisma } from '../../generated/prisma/client'
import { type Tx, retrying, withTx } from '../../db/tx'
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

/** The columns of `LockedActivity`, from the activity aliased `a`. */
const ACTIVITY_COLUMNS = Prisma.sql`
  a.id, a.title, a.status::text AS status, a.start_at, a.end_at, a.signup_deadline, a.capacity,
  a.audience::text AS audience, a.community_id, a.organiser_unit_id, a.allow_walk_in, a.waitlist_enabled`

/** Reads the activity and locks its row until the transaction ends. */
export async function lockActivity(tx: Tx, activityId: number): Promise<LockedActivity> {
  const rows = await tx.$queryRaw<LockedActivity[]>`
    SELECT ${ACTIVITY_COLUMNS} FROM activity a WHERE a.id = ${activityId} FOR UPDATE`
  if (!rows.length) throw new AppError('activity_not_found')
  return rows[0]
}

/** The activity, and the person's unexcused no-shows in the rolling year, in one query. */
async function readForSignUp(
  db: Deps['prisma'],
  activityId: number,
  userId: number,
  now: Date,
): Promise<LockedActivity & { no_shows: number }> {
  const yearAgo = new Date(now.getTime() - 365 * 24 * 3_600_000)
  const rows = await db.$queryRaw<Array<LockedActivity & { no_shows: number }>>`
    SELECT ${ACTIVITY_COLUMNS},
           (SELECT count(*)::int FROM attendance t JOIN activity x ON x.id = t.activity_id JOIN app_user u ON u.id = t.user_id
            WHERE t.user_id = ${userId} AND t.status = 'no_show' AND x.start_at >= ${yearAgo}
              AND (u.suspension_lifted_at IS NULL OR x.start_at > u.suspension_lifted_at)) AS no_shows
    FROM activity a WHERE a.id = ${activityId}`
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


function eligible(user: SessionUser, a: LockedActivity): boolean {
  if (a.audience === 'community_residents') return user.communityId === a.community_id
  if (a.audience === 'unit_staff') return a.organiser_unit_id != null && user.unitId === a.organiser_unit_id
  return true
}

type SignUpOutcome = { outcome: string; queue_position: number | null; other_id: number | null; other_title: string | null }

/**
 * Signs the caller up. The person-level checks (eligibility, suspension) are plain reads; the
 * decisions that must hold under concurrency (no overlapping confirmed sign-ups, capacity,
 * duplicates, waitlist order) are taken by `civic_sign_up` inside the database in one statement
 * (see its migration), holding the person's row and then the activity's row.
 */
export async function signUp(deps: Deps, user: SessionUser, activityId: number): Promise<SignupResult> {
  if (!user.profileComplete) throw new AppError('profile_incomplete')
  const now = new Date()
  const a = await readForSignUp(deps.prisma, activityId, user.id, now)
  checkOpen(a, now)
  if (!eligible(user, a)) throw new AppError('not_eligible')
  // unexcused no-shows in the rolling year (since the office last lifted a suspension)
  if (a.no_shows >= deps.config.noShowLimit) throw new AppError('signup_suspended')

  const [r] = await retrying(() =>
    deps.prisma.$queryRaw<SignUpOutcome[]>`SELECT * FROM civic_sign_up(${activityId}::int, ${user.id}::int, ${now}::timestamptz)`,
  )
  switch (r.outcome) {
    case 'confirmed':
      return { status: 'confirmed', position: null }
    case 'waitlisted':
      return { status: 'waitlisted', position: r.queue_position }
    case 'signup_overlaps':
      throw new AppError('signup_overlaps', `与你已报名的「${r.other_title}」时间冲突`, {
        activityId: r.other_id,
        title: r.other_title,
      })
    case 'activity_not_found':
    case 'activity_cancelled':
    case 'signup_closed':
    case 'signup_duplicate':
    case 'activity_full':
      throw new AppError(r.outcome)
    default:
      throw new Error(`civic_sign_up answered ${r.outcome}`)
  }
}

function checkOpen(a: Pick<LockedActivity, 'status' | 'signup_deadline' | 'end_at'>, now: Date) {
  if (a.status === 'cancelled') throw new AppError('activity_cancelled')
  if (a.status === 'closed' || now > a.signup_deadline || now >= a.end_at) throw new AppError('signup_closed')
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
