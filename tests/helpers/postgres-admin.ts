/** The PostgreSQL server the tests use (TEST_DATABASE_URL), and database create/drop on it. */
import { Client } from 'pg'

export function testServerUrl(): string {
  const url = process.env.TEST_DATABASE_URL
  if (!url) {
    throw new Error(
      'TEST_DATABASE_URL is not set: the PostgreSQL suite needs a server, e.g. TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres',
    )
  }
  return url
}

export function urlFor(database: string, base = testServerUrl()): string {
  const u = new URL(base)
  u.pathname = `/${database}`
  return u.toString()
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: testServerUrl() })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}
