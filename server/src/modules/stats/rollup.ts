/**
 * The figures' rollups (migration stats_rollup): triggers keep attendance_days and hours_by_day
 * in step with the raw rows in the same transaction. hours_by_day grows by one signed delta row
 * per counted change (appends never contend under a check-out burst); compaction folds each
 * community's or unit's day back into one row. Sums are the same before and after, so it only
 * keeps the table small.
 */
import type { Deps } from '../../deps'

/** Folds hours_by_day's delta rows; returns how many rows it removed (0 when another run holds it). */
export async function compactHours(deps: Pick<Deps, 'prisma'>): Promise<number> {
  const [row] = await deps.prisma.$queryRaw<Array<{ folded: number }>>`SELECT civic_compact_hours() AS folded`
  return Number(row.folded)
}

/** Differences between the rollups and the raw rows (empty when they agree). */
export function rollupMismatches(deps: Pick<Deps, 'prisma'>) {
  return deps.prisma.$queryRaw<Array<{ rollup: string; key: string; stored: string; expected: string }>>`
    SELECT rollup, key, stored, expected FROM civic_rollup_mismatches() ORDER BY rollup, key`
}
