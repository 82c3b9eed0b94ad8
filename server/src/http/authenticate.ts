/**
 * Bearer-token authentication. Loads the caller with their roles into `ctx.state.user` (on
 * routes with `checksCaller`, only the token is verified up front: see route.ts).
 * `await next()` stays outside the token check, so a later failure is never reported as 401.
 */
import type { Context } from 'koa'
import type { Access } from '../auth/policy'
import { ROLE_RANK } from '../auth/policy'
import { isOrganiser, type SessionUser } from '../auth/roles'
import { verifySession } from '../auth/session'
import type { Deps } from '../deps'
import { AppError } from './errors'

/** The caller with their roles, in one query (it runs on every authenticated request). */
export async function loadSessionUser(deps: Deps, userId: number): Promise<SessionUser | null> {
  const rows = await deps.prisma.$queryRaw<
    Array<{
      id: number
      is_office: boolean
      community_id: number | null
      unit_id: number | null
      disabled: boolean
      complete: boolean
      unit_ids: number[] | null
      community_ids: number[] | null
    }>
  >`
    SELECT u.id, u.is_office, u.community_id, u.unit_id, u.disabled_at IS NOT NULL AS disabled,
           u.profile_completed_at IS NOT NULL AS complete,
           array_remove(array_agg(r.unit_id), NULL) AS unit_ids,
           array_remove(array_agg(r.community_id), NULL) AS community_ids
    FROM app_user u LEFT JOIN organiser_role r ON r.user_id = u.id
    WHERE u.id = ${userId}
    GROUP BY u.id`
  const u = rows[0]
  if (!u) return null
  if (u.disabled) throw new AppError('user_disabled')
  return {
    id: u.id,
    isOffice: u.is_office,
    communityId: u.community_id,
    unitId: u.unit_id,
    organiserUnitIds: u.unit_ids ?? [],
    organiserCommunityIds: u.community_ids ?? [],
    profileComplete: u.complete,
  }
}

/** The caller's id from a valid session token (no database); throws 401 otherwise. */
export async function authenticateToken(ctx: Context, deps: Deps): Promise<number> {
  const header = ctx.get('Authorization')
  const match = /^Bearer\s+([A-Za-z0-9._-]+)$/.exec(header)
  if (!match) throw new AppError('unauthorized')
  const verified = await verifySession(deps.config.sessionSecret, match[1])
  if (!verified.ok) throw new AppError(verified.reason === 'expired' ? 'session_expired' : 'unauthorized')
  return verified.claims.userId
}

/** The caller as a signed-in request needs them: 401 when they no longer exist, 403 when disabled. */
export async function requireCaller(deps: Deps, userId: number): Promise<SessionUser> {
  const user = await loadSessionUser(deps, userId)
  if (!user) throw new AppError('unauthorized')
  return user
}

/** Resolves the caller for a route with the given access rule; throws 401/403 as the rule says. */
export async function authenticate(ctx: Context, deps: Deps, access: Access): Promise<SessionUser | null> {
  if (access === 'public') return null
  const user = await requireCaller(deps, await authenticateToken(ctx, deps))
  const rank = user.isOffice ? ROLE_RANK.office : isOrganiser(user) ? ROLE_RANK.organiser : ROLE_RANK.user
  if (rank < ROLE_RANK[access]) throw new AppError('forbidden')
  return user
}
