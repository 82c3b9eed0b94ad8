/**
 * `npm run user:grant-office -- <openid>`: makes the user with this openid an office user
 * (文明办), creating the account if it has never logged in. Uses DATABASE_URL like the server.
 */
import { REPO_ROOT, loadConfig } from '../server/src/config'
import { openDatabase } from '../server/src/db/client'
import { applyMigrations } from '../server/src/db/migrate'

async function main() {
  const openid = process.argv[2]
  if (!openid || !/^[A-Za-z0-9_-]{1,64}$/.test(openid)) {
    console.error('usage: npm run user:grant-office -- <openid>')
    process.exit(2)
  }
  const config = loadConfig()
  const db = await openDatabase({ url: config.databaseUrl, poolSize: 2, baseDir: REPO_ROOT })
  try {
    await applyMigrations(db.connection)
    const user = await db.prisma.user.upsert({
      where: { openid },
      create: { openid, isOffice: true },
      update: { isOffice: true },
      select: { id: true, realName: true },
    })
    console.log(`user #${user.id} (${user.realName ?? openid}) is now office (文明办) staff`)
  } finally {
    await db.close()
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  },
)
