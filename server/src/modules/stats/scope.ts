/**
 * Which rows a caller may see: the office sees everything, an organiser only the units and
 * communities they organise (filtered in the queries, never after the fact in the client).
 */
import type { SessionUser } from '../../auth/roles'

export interface Scope {
  all: boolean
  unitIds: number[]
  communityIds: number[]
}

export function scopeOf(user: SessionUser): Scope {
  if (user.isOffice) return { all: true, unitIds: [], communityIds: [] }
  return { all: false, unitIds: [...user.organiserUnitIds], communityIds: [...user.organiserCommunityIds] }
}

export const OFFICE_SCOPE: Scope = { all: true, unitIds: [], communityIds: [] }
