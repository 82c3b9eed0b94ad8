/**
 * Who sees which reports. The office sees all; a unit's organisers the reports assigned to
 * their units; everyone their own. A report the caller may not see answers 404, as if it did
 * not exist, so ids leak nothing.
 */
import type { ReportAction, ReportStatus } from '@civic/shared'
import type { SessionUser } from '../../auth/roles'
import type { Prisma } from '../../generated/prisma/client'
import { AppError } from '../../http/errors'

interface Owned {
  reporterId: number
  unitId: number | null
}

export const isUnitOrganiserOf = (user: SessionUser, unitId: number | null) =>
  unitId != null && user.organiserUnitIds.includes(unitId)

export function canSee(user: SessionUser, r: Owned): boolean {
  return user.isOffice || r.reporterId === user.id || isUnitOrganiserOf(user, r.unitId)
}

/** The reports a list shows: `mine`, else by role. */
export function listScope(user: SessionUser, mine: boolean, unitId: number | undefined): Prisma.ReportWhereInput {
  if (mine) return { reporterId: user.id }
  if (user.isOffice) return {}
  if (user.organiserUnitIds.length > 0) {
    if (unitId != null && !user.organiserUnitIds.includes(unitId)) throw new AppError('forbidden', '只能查看本单位的整改任务')
    return { unitId: { in: user.organiserUnitIds } }
  }
  return { reporterId: user.id }
}

/** What the caller may do next with a report in this state. */
export function actionsFor(user: SessionUser, r: Owned & { status: ReportStatus }): ReportAction[] {
  const unit = isUnitOrganiserOf(user, r.unitId)
  const out: ReportAction[] = []
  if (user.isOffice && r.status === 'submitted') out.push('triage')
  if (unit && r.status === 'assigned') out.push('accept')
  if (unit && r.status === 'accepted') out.push('rectify')
  if (user.isOffice && r.status === 'rectified') out.push('verify')
  return out
}
