// Generates the Prisma client (prisma/schema.prisma -> server/src/generated/prisma).
// Prisma's native schema engine cannot be downloaded on offline machines; `prisma generate`
// does not need it, but the CLI checks that a file exists, so we point it at node itself.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(path.join(root, 'server', 'package.json'))
let cli
try {
  cli = require.resolve('prisma/build/index.js')
} catch {
  console.log('[prisma-generate] prisma CLI not installed (production install without dev dependencies?): skipped')
  process.exit(0)
}
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
}
const result = spawnSync(process.execPath, [cli, 'generate', '--schema', path.join(root, 'prisma', 'schema.prisma')], {
  cwd: root,
  env,
  stdio: 'inherit',
})
process.exit(result.status ?? 1)
