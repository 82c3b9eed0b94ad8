/**
 * The figures' statements run in one read-only REPEATABLE READ transaction: every statement of a
 * response (rankings read units, communities and 周上街) sees the same snapshot. JIT is off
 * (compiling the plan of a year's aggregate cost ~100 ms and saved nothing) and work_mem is
 * raised so grouping 100,000 people does not spill to disk.
 */
import type { Deps } from '../../deps'
import type { Tx } from '../../db/tx'

export type Reader = Pick<Tx, '$queryRaw'>

export function analytic<T>(deps: Pick<Deps, 'prisma'>, run: (q: Reader) => Promise<T>): Promise<T> {
  return deps.prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SET TRANSACTION READ ONLY`
      await tx.$executeRaw`SET LOCAL jit = off`
      await tx.$executeRaw`SET LOCAL work_mem = '64MB'`
      return run(tx)
    },
    // the embedded database has one connection: wait for it under a burst
    { isolationLevel: 'RepeatableRead', maxWait: 120_000, timeout: 120_000 },
  )
}
