/**
 * One crash round per database (bench/crash.ts runs five: `npm run test:robustness`): the
 * server takes a burst of check-outs, is killed with SIGKILL mid-burst and restarted; nothing
 * acknowledged is lost, the ledger matches the attendance, and retries complete exactly once.
 */
import { crashRounds } from '../../bench/crash'

describe('SIGKILL mid-burst', () => {
  test.each(['postgresql', 'pglite'] as const)('on %s: nothing acknowledged is lost, nothing credited twice, every retry completes', async (kind) => {
    const lines: string[] = []
    const [r] = await crashRounds(kind, 1, 120, (l) => lines.push(l))
    process.stdout.write(`${lines.join('\n')}\n`)

    expect(r.acknowledged).toBeGreaterThan(0)
    expect(r.failedInFlight).toBeGreaterThan(0)
    expect(r.acknowledgedButLost).toBe(0)
    expect(r.inconsistent).toBe(0)
    expect(r.retryFailures).toBe(0)
    expect(r.creditedTwice).toBe(0)
  }, 180_000)
})
