import fs from 'node:fs'

export default async function globalTeardown() {
  const root = process.env.CIVIC_PGLITE_ROOT
  if (root) fs.rmSync(root, { recursive: true, force: true })
}
