import { adminQuery } from './postgres-admin'

export default async function globalTeardown() {
  const template = process.env.CIVIC_PG_TEMPLATE
  if (template) await adminQuery(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`)
}
