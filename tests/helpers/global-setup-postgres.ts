/** Builds one migrated template database; each test file copies it (CREATE DATABASE … TEMPLATE). */
import { dbTool } from './db-tool'
import { adminQuery, urlFor } from './postgres-admin'

export default async function globalSetup() {
  const template = `civic_tpl_${process.pid}_${Date.now().toString(36)}`
  try {
    await adminQuery(`CREATE DATABASE "${template}"`)
  } catch (err) {
    throw new Error(`PostgreSQL is not reachable at TEST_DATABASE_URL (${process.env.TEST_DATABASE_URL}): ${String(err)}`)
  }
  dbTool('migrate', urlFor(template))
  process.env.CIVIC_PG_TEMPLATE = template
}
