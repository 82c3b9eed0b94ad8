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
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const poolSize = opts.poolSize ?? 10
  let embedded: EmbeddedPostgres | null = null
  let connection: PoolConfig
  if (opts.url.startsWith('pglite:')) {
    // pglite-socket refuses connections beyond its maximum: keep it above the pool
    embedded = await startPglite(pgliteDir(opts.url, opts.baseDir ?? process.cwd()), poolSize + 5)
    connection = embedded.connection
  } else {
    connection = { connectionString: opts.url }
  }
  const prisma = createPrisma(connection, poolSize)
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

export function createPrisma(connection: PoolConfig, poolSize: number): PrismaClient {
  const adapter = new PrismaPg({
    ...connection,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  })
  return new PrismaClient({ adapter })
}
