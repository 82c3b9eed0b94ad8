/**
 * The one database handle: a Prisma client on `@prisma/adapter-pg`, against either a real
 * PostgreSQL server (`postgresql://…`) or the embedded PGlite (`pglite:<dir>`).
 */
import { PrismaPg } from '@prisma/adapter-pg'
import type { PoolConfig } from 'pg'
import { PrismaClient } from '../generated/prisma/client'
import { type EmbeddedPostgres, pgliteDir, startPglite } from './pglite'

export type Db = PrismaClient

export interface Database {
  prisma: PrismaClient
  kind: 'postgresql' | 'pglite'
  /** settings the `pg` driver uses (for the schema engine and raw tools) */
  connection: PoolConfig
  embedded: EmbeddedPostgres | null
  close(): Promise<void>
}

export interface OpenOptions {
  url: string
  poolSize?: number
  /** directory relative paths of `pglite:` URLs are resolved against */
  baseDir?: string
  /** a PGlite served from another process (tests): its one connection is queued for, like the embedded one */
  embeddedWait?: boolean
}

/**
 * PGlite is one PostgreSQL session: pglite-socket multiplexes connections onto it, and the
 * extended-protocol messages of concurrent connections interleave ("unnamed prepared statement
 * does not exist"). One connection from the pool serialises everything, which is also what
 * the embedded engine does internally anyway.
 */
export const PGLITE_POOL = 1

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const poolSize = opts.poolSize ?? 10
  let embedded: EmbeddedPostgres | null = null
  let connection: PoolConfig
  if (opts.url.startsWith('pglite:')) {
    // pglite-socket refuses connections beyond its maximum: keep it above the pool
    embedded = await startPglite(pgliteDir(opts.url, opts.baseDir ?? process.cwd()), poolSize + 5)
    connection = embedded.connection
  } else {
    // sessions in UTC whatever the server's or database's default: the driver sends a Date
    // bound in a raw query without an offset, which PostgreSQL reads in the session's zone
    connection = { connectionString: opts.url, options: '-c TimeZone=UTC' }
  }
  // see PGLITE_POOL: concurrent connections to PGlite can even get another query's rows
  // (electric-sql/pglite#1046)
  const single = embedded != null || opts.embeddedWait === true
  const prisma = createPrisma(connection, single ? PGLITE_POOL : poolSize, single ? 120_000 : 30_000)
  return {
    prisma,
    kind: embedded ? 'pglite' : 'postgresql',
    connection,
    embedded,
    async close() {
      await prisma.$disconnect()
      await embedded?.close()
    },
  }
}

export function createPrisma(connection: PoolConfig, poolSize: number, connectionTimeoutMillis = 30_000): PrismaClient {
  const adapter = new PrismaPg({
    ...connection,
    max: poolSize,
    // a burst queues for connections (PGlite has one): wait rather than fail; a server that is
    // down still fails fast (connection refused)
    connectionTimeoutMillis,
    idleTimeoutMillis: 30_000,
  })
  return new PrismaClient({ adapter })
}
