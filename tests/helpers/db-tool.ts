/** Runs scripts/db-tool.ts in its own process (the schema engine is an ES module + wasm). */
import { execFileSync } from 'node:child_process'
import path from 'node:path'

export const ROOT = path.resolve(__dirname, '..', '..')

export function dbTool(command: 'migrate' | 'drift', url: string): { applied: string[]; drift?: string } {
  const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx')
  const out = execFileSync(tsx, [path.join(ROOT, 'scripts', 'db-tool.ts'), command, url], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  })
  const last = out.trim().split('\n').pop() ?? '{}'
  return JSON.parse(last)
}
