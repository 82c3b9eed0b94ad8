/**
 * Interactive transactions that retry when PostgreSQL aborts one to break a deadlock or a
 * serialization conflict (the other transaction went through; ours can simply run again).
 */
import type { Db } from './client'

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0]

const RETRYABLE = new Set(['40P01', '40001', 'P2034'])

function retryable(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } } | undefined, i = 0; e && i < 6; i++) {
    if (RETRYABLE.has(String(e.code))) return true
    const original = (e as { cause?: { originalCode?: unknown } }).cause?.originalCode
    if (original && RETRYABLE.has(String(original))) return true
    e = (e.meta?.driverAdapterError ?? e.cause) as typeof e
  }
  return /deadlock detected|could not serialize access/i.test(String((err as Error)?.message))
}

export async function withTx<T>(prisma: Db, fn: (tx: Tx) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      // a burst of requests may queue for connections (the embedded database has one) and
      // row locks: wait, don't fail
      return await prisma.$transaction(fn, { maxWait: 120_000, timeout: 30_000 })
    } catch (err) {
      if (attempt >= attempts || !retryable(err)) throw err
    }
  }
}

/** Runs one statement again if PostgreSQL aborted it to break a deadlock. */
export async function retrying<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn()
    } catch (err) {
      if (attempt >= attempts || !retryable(err)) throw err
    }
  }
}

export type { Tx }
