/** Database errors, mapped by code in one place. */

type Errorish = { code?: unknown; message?: unknown; cause?: unknown; meta?: unknown; kind?: unknown; name?: unknown }

function chain(err: unknown): Errorish[] {
  const out: Errorish[] = []
  const seen = new Set<unknown>()
  const queue: unknown[] = [err]
  while (queue.length && out.length < 10) {
    const e = queue.shift()
    if (!e || typeof e !== 'object' || seen.has(e)) continue
    seen.add(e)
    const x = e as Errorish
    out.push(x)
    queue.push(x.cause)
    const meta = x.meta as { driverAdapterError?: unknown } | undefined
    if (meta?.driverAdapterError) queue.push(meta.driverAdapterError)
  }
  return out
}

/** A unique constraint violation (Prisma P2002, PostgreSQL 23505), optionally on a given field. */
export function isUniqueViolation(err: unknown, field?: string): boolean {
  const links = chain(err)
  const hit = links.some(
    (e) => e.code === 'P2002' || e.code === '23505' || e.kind === 'UniqueConstraintViolation',
  )
  if (!hit || !field) return hit
  return JSON.stringify(links.map((e) => [e.meta, e.message, (e as { constraint?: unknown }).constraint])).includes(field)
}

/** A foreign key violation (P2003, 23503). */
export function isForeignKeyViolation(err: unknown): boolean {
  return chain(err).some((e) => e.code === 'P2003' || e.code === '23503' || e.kind === 'ForeignKeyConstraintViolation')
}

/** Record to update/delete not found (P2025). */
export function isRecordNotFound(err: unknown): boolean {
  return chain(err).some((e) => e.code === 'P2025')
}

const UNAVAILABLE =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Connection terminated|connection timeout|timeout exceeded when trying to connect|Can't reach database|the database system is (starting up|shutting down|in recovery mode)|terminating connection due to administrator command|Client has encountered a connection error|Connection closed/i

const UNAVAILABLE_CODES = [
  // Prisma: can't reach, timed out, connection closed
  'P1001', 'P1002', 'P1003', 'P1017',
  // PostgreSQL: shutting down / starting, connection failures, no such database, auth, too many clients
  '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '3D000', '28000', '28P01', '53300',
  // sockets
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND',
]

/** The database cannot be reached (down, restarting, network): answer 503, not 500. */
export function isDatabaseUnavailable(err: unknown): boolean {
  return chain(err).some(
    (e) =>
      UNAVAILABLE_CODES.includes(
        String(e.code),
      ) ||
      ['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections'].includes(String(e.kind)) ||
      (typeof e.message === 'string' && UNAVAILABLE.test(e.message)),
  )
}
