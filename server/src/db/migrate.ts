/**
 * Applies the committed migrations (prisma/migrations) — what `prisma migrate deploy` does,
 * through Prisma's schema engine in WebAssembly — and records them in `_prisma_migrations`.
 */
import type { PoolConfig } from 'pg'
import { NO_FILTER, migrationsList, openSchemaEngine, readMigrations } from './schema-engine'

export async function applyMigrations(main: PoolConfig, dir?: string): Promise<string[]> {
  const migrations = readMigrations(dir)
  const { engine } = await openSchemaEngine({ main })
  try {
    const out = await engine.applyMigrations({ migrationsList: migrationsList(migrations, dir), filters: NO_FILTER })
    return out.appliedMigrationNames
  } finally {
    engine.free()
  }
}
