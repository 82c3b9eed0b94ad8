/**
 * Database chores run as their own process (the schema engine is WebAssembly loaded as an
 * ES module, which test runners' module sandboxes cannot load):
 *
 *   tsx scripts/db-tool.ts migrate <database-url>   apply prisma/migrations
 *   tsx scripts/db-tool.ts drift <database-url>     print JSON { drift: "<sql>" } after migrating
 *
 * `<database-url>` is postgresql://… or pglite:<dir>.
 */
import { openDatabase } from '../server/src/db/client'
import { schemaDrift } from '../server/src/db/drift'
import { applyMigrations } from '../server/src/db/migrate'

async function main() {
  const [command, url] = process.argv.slice(2)
  if (!command || !url || !['migrate', 'drift'].includes(command)) {
    console.error('usage: db-tool.ts migrate|drift <database-url>')
    process.exit(2)
  }
  const db = await openDatabase({ url, poolSize: 2 })
  try {
    const applied = await applyMigrations(db.connection)
    if (command === 'migrate') {
      process.stdout.write(`${JSON.stringify({ applied })}\n`)
    } else {
      process.stdout.write(`${JSON.stringify({ applied, drift: await schemaDrift(db.connection) })}\n`)
    }
  } finally {
    await db.close()
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err)
    process.exit(1)
  },
)
