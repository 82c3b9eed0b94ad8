import type { ReportSummary } from '@civic/shared'
import type { Option } from '../../../../components/OptionPicker'
import { listPairings } from '../../../../services/directory'
import { getDirectoryOptions } from '../../../../services/me'
import { chinaDateIn } from '../../../report/components/deadline'
import { listCategories, listReports } from '../../../report/services/reports'

export interface AssignChoices {
  /** the community's paired units first (marked 包联), then every other unit */
  units: Option<number>[]
  pairedCount: number
  /** today + the category's default deadline days */
  defaultDays: number
  defaultDeadline: string
}

export async function loadAssignChoices(r: ReportSummary): Promise<AssignChoices> {
  const [directory, pairings, categories] = await Promise.all([getDirectoryOptions(), listPairings({ communityId: r.community.id }), listCategories()])
  const paired = new Map(pairings.map((p) => [p.unit.id, p.unit.name]))
  const units = [
    ...[...paired].map(([id, name]) => ({ value: id, label: `${name}（包联）` })),
    ...directory.units.filter((u) => !paired.has(u.id)).map((u) => ({ value: u.id, label: u.name })),
  ]
  const defaultDays = categories.find((c) => c.id === r.category.id)?.deadlineDays ?? 3
  return { units, pairedCount: paired.size, defaultDays, defaultDeadline: chinaDateIn(defaultDays) }
}

/** Reports of the same community that this one may duplicate (not itself, not refused ones). */
export async function loadDuplicateChoices(r: ReportSummary): Promise<Option<number>[]> {
  const page = await listReports({ communityId: r.community.id, pageSize: 100 })
  return page.items
    .filter((x) => x.id !== r.id && x.status !== 'rejected' && x.status !== 'duplicate')
    .map((x) => ({ value: x.id, label: `第 ${x.id} 号 · ${x.category.name} · ${x.address}` }))
}

/** Quick deadline choices: the category's default and a few usual spans, in days from today. */
export function deadlineSpans(defaultDays: number): number[] {
  return [...new Set([defaultDays, 1, 3, 7, 15, 30])].sort((a, b) => a - b)
}
