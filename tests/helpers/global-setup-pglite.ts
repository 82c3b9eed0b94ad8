/** Builds one migrated PGlite data directory; each test file opens its own copy. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { dbTool } from './db-tool'

export default async function globalSetup() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-pglite-'))
  const template = path.join(root, 'template')
  dbTool('migrate', `pglite:${template}`)
  process.env.CIVIC_PGLITE_ROOT = root
  process.env.CIVIC_PGLITE_TEMPLATE = template
}
