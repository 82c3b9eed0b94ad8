#!/usr/bin/env node
// Serves a PGlite data directory on an ephemeral 127.0.0.1 port (the PostgreSQL wire
// protocol, through pglite-socket) and prints `{"port":N}`. Used by the test suite, whose
// module sandbox cannot load PGlite in-process. Exits when stdin closes or on SIGTERM.
//   node scripts/pglite-serve.mjs <data-dir> [max-connections]
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

const [dir, max = '20'] = process.argv.slice(2)
if (!dir) {
  console.error('usage: pglite-serve.mjs <data-dir> [max-connections]')
  process.exit(2)
}
const db = await PGlite.create(dir)
const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: Number(max) })
await server.start()
process.stdout.write(`${JSON.stringify({ port: server.server.address().port })}\n`)

let stopping = false
async function stop() {
  if (stopping) return
  stopping = true
  await server.stop().catch(() => {})
  await db.close().catch(() => {})
  process.exit(0)
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
process.stdin.on('end', stop)
process.stdin.resume()
