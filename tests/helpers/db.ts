/**
 * A fresh, migrated, empty database per call: a copy of the template built in global setup,
 * on PGlite or on the PostgreSQL server, depending on the jest project (TEST_DB).
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { type Database, openDatabase } from '../../server/src/db/client'
import { createDataCipher } from '../../server/src/lib/crypto'
import { ROOT } from './db-tool'
import { adminQuery, urlFor } from './postgres-admin'

export type TestDb = 'pglite' | 'postgres'

export const testDbKind = (): TestDb => {
  const kind = process.env.TEST_DB
  if (kind !== 'pglite' && kind !== 'postgres') throw new Error('TEST_DB must be pglite or postgres (set by the jest project)')
  return kind
}

export const testCipher = createDataCipher(Buffer.alloc(32, 7))

export interface TestDatabase extends Database {
  url: string
}

export async function createTestDatabase(opts: { poolSize?: number } = {}): Promise<TestDatabase> {
  const poolSize = opts.poolSize ?? 10
  if (testDbKind() === 'postgres') {
    const template = process.env.CIVIC_PG_TEMPLATE
    if (!template) throw new Error('no PostgreSQL template database: is the global setup configured?')
    const name = `civic_t_${randomBytes(6).toString('hex')}`
    await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${template}"`)
    const url = urlFor(name)
    const db = await openDatabase({ url, poolSize })
    return {
      ...db,
      url,
      async close() {
        await db.close()
        await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      },
    }
  }
  const root = process.env.CIVIC_PGLITE_ROOT
  const template = process.env.CIVIC_PGLITE_TEMPLATE
  if (!root || !template) throw new Error('no PGlite template: is the global setup configured?')
  const dir = path.join(root, `db-${randomBytes(6).toString('hex')}`)
  fs.cpSync(template, dir, { recursive: true })
  // PGlite runs in a child process here (jest's module sandbox cannot load it); the server
  // reaches it over the same wire protocol and driver as in production
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'pglite-serve.mjs'), dir, String(poolSize + 5)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  const port = await new Promise<number>((resolve, reject) => {
    let buf = ''
    child.stdout.on('data', (d) => {
      buf += d
      const line = buf.split('\n')[0]
      if (buf.includes('\n')) resolve(JSON.parse(line).port)
    })
    child.once('exit', (code) => reject(new Error(`pglite-serve exited with ${code}`)))
  })
  const url = `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`
  const db = await openDatabase({ url, embeddedWait: true })
  let closed = false
  return {
    ...db,
    kind: 'pglite',
    url,
    async close() {
      if (closed) return
      closed = true
      await db.close()
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.stdin.end()
      await exited
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
