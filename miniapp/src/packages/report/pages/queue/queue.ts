import type { ReportStatus, ReportSummary } from '@civic/shared'
import { listReports } from '../../services/reports'

export const QUEUE_TABS = [
  { key: 'open', title: '待整改', statuses: ['assigned', 'accepted'] },
  { key: 'rectified', title: '待核验', statuses: ['rectified'] },
  { key: 'closed', title: '已办结', statuses: ['closed'] },
] as const satisfies ReadonlyArray<{ key: string; title: string; statuses: readonly ReportStatus[] }>
export type QueueTab = (typeof QUEUE_TABS)[number]['key']

/** Earliest deadline first (overdue ones lead), reports without one last, then by number. */
export function byDeadline(a: ReportSummary, b: ReportSummary): number {
  const da = a.deadline ? Date.parse(a.deadline) : Infinity
  const db = b.deadline ? Date.parse(b.deadline) : Infinity
  return da === db ? a.id - b.id : da < db ? -1 : 1
}

const QUEUE_SIZE = 200

/** The unit's reports in the tab's statuses (one request per status), sorted by deadline. */
export async function loadQueue(unitId: number, tab: QueueTab): Promise<ReportSummary[]> {
  const statuses = QUEUE_TABS.find((t) => t.key === tab)!.statuses
  const pages = await Promise.all(statuses.map((status) => listReports({ unitId, status, sort: 'deadline', pageSize: QUEUE_SIZE })))
  return pages.flatMap((p) => p.items).sort(byDeadline)
}
