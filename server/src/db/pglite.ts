/**
 * The embedded default database: PGlite (PostgreSQL compiled to WebAssembly) inside this
 * process, persisted to a directory, served on an ephemeral 127.0.0.1 port through
 * pglite-socket so the same `pg` driver and Prisma adapter serve it as a real PostgreSQL.
 */
import fs from 'node:fs'
import type { AddressInfo, Server } from 'node:net'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import type { PoolConfig } from 'pg'

export interface EmbeddedPostgres {
  db: PGlite
  /** connection settings for `pg` */
  connection: PoolConfig
  close(): Promise<void>
}

/** `dataDir` null = in memory (tests of throwaway databases, shadow databases). */
export async function startPglite(dataDir: string | null, maxConnections = 20): Promise<EmbeddedPostgres> {
  if (dataDir) fs.mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true })
  const db = dataDir ? await PGlite.create(path.resolve(dataDir)) : await PGlite.create()
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections })
  await server.start()
  const net = (server as unknown as { server: Server }).server
  const port = (net.address() as AddressInfo).port
  let closed = false
  return {
    db,
    connection: { host: '127.0.0.1', port, user: 'postgres', password: 'postgres', database: 'postgres' },
    async close() {
      if (closed) return
      closed = true
      await server.stop()
      await db.close()
    },
  }
}

/** `pglite:./data/pglite` → absolute dir; `pglite:memory` → null. */
export function pgliteDir(url: string, base: string): string | null {
  const rest = url.slice('pglite:'.length).replace(/^\/\//, '')
  if (rest === '' || rest === 'memory' || rest === ':memory:') return null
  return path.resolve(base, rest)
}
