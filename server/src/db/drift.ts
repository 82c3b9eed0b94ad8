/**
 * Drift check: the SQL that would take the database to prisma/schema.prisma. Empty when the
 * database (e.g. freshly migrated) holds exactly the schema.
 */
import path from 'node:path'
import type { PoolConfig } from 'pg'
import { NO_FILTER, SCHEMA_PATH, openSchemaEngine } from './schema-engine'

export async function schemaDrift(main: PoolConfig): Promise<string> {
  const { engine, datamodel } = await openSchemaEngine({ main })
  try {
    const files = [{ path: SCHEMA_PATH, content: datamodel }]
    const out = await engine.diff({
      from: { tag: 'schemaDatasource', files, configDir: path.dirname(SCHEMA_PATH) },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    })
    const sql = (out.stdout ?? '').trim()
    return /^-- This is an empty migration\.?$/.test(sql) ? '' : sql
  } finally {
    engine.free()
  }
}
