/**
 * Bearer-token authentication. Loads the caller with their roles into `ctx.state.user`.
 * `await next()` stays outside the token check, so a later failure is never reported as 401.
 */
import type { Context } from 'koa'
import type { Access } from '../auth/policy'
import { ROLE_RANK } from '../auth/policy'
import { isOrganiser, type SessionUser } from '../auth/roles'
import { verifySession } from '../auth/session'
import type { Deps } from '../deps'
import { AppError } from './errors'

export async function loadSessionUser(deps: Deps, userId: number): Promise<SessionUser | null> {
  const u = await deps.prisma.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      isOffice: true,
      communityId: true,
      unitId: true,
      disabledAt: true,
      profileCompletedAt: true,
      organiserRoles: { select: { unitId: true, communityId: true } },
    },
  })
  if (!u) return null
  if (u.disabledAt) throw new AppError('user_disabled')
  return {
    id: u.id,
    isOffice: u.isOffice,
    communityId: u.communityId,
    unitId: u.unitId,
    organiserUnitIds: u.organiserRoles.flatMap((r) => (r.unitId != null ? [r.unitId] : [])),
    organiserCommunityIds: u.organiserRoles.flatMap((r) => (r.communityId != null ? [r.communityId] : [])),
    profileComplete: u.profileCompletedAt != null,
  }
}

/** Resolves the caller for a route with the given access rule; throws 401/403 as the rule says. */
export async function authenticate(ctx: Context, deps: Deps, access: Access): Promise<SessionUser | null> {
  if (access === 'public') return null
  const header = ctx.get('Authorization')
  const match = /^Bearer\s+([A-Za-z0-9._-]+)$/.exec(header)
  if (!match) throw new AppError('unauthorized')
  const verified = await verifySession(deps.config.sessionSecret, match[1])
  if (!verified.ok) throw new AppError(verified.reason === 'expired' ? 'session_expired' : 'unauthorized')
  const user = await loadSessionUser(deps, verified.claims.userId)
  if (!user) throw new AppError('unauthorized')
  const rank = user.isOffice ? ROLE_RANK.office : isOrganiser(user) ? ROLE_RANK.organiser : ROLE_RANK.user
  if (rank < ROLE_RANK[access]) throw new AppError('forbidden')
  return user
}
