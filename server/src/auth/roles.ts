/** The caller as the routes and services see it. */
export interface SessionUser {
  id: number
  isOffice: boolean
  communityId: number | null
  unitId: number | null
  organiserUnitIds: number[]
  organiserCommunityIds: number[]
  profileComplete: boolean
}

export function isOrganiser(user: SessionUser): boolean {
  return user.organiserUnitIds.length > 0 || user.organiserCommunityIds.length > 0
}

/** May the user manage things owned by this unit or community? The office may manage all. */
export function canManage(user: SessionUser, owner: { unitId?: number | null; communityId?: number | null }): boolean {
  if (user.isOffice) return true
  if (owner.unitId != null && user.organiserUnitIds.includes(owner.unitId)) return true
  if (owner.communityId != null && user.organiserCommunityIds.includes(owner.communityId)) return true
  return false
}
