#!/usr/bin/env node
// `npm start`: builds the H5 mini-program when it is missing or older than its sources, then
// runs the API (migrations, first-run demo seed) serving it, and prints the URL.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const h5Index = path.join(root, 'miniapp', 'dist', 'h5', 'index.html')

function newest(dir) {
  let t = 0
  if (!fs.existsSync(dir)) return t
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    t = Math.max(t, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs)
  }
  return t
}

const sources = Math.max(
  newest(path.join(root, 'miniapp', 'src')),
  newest(path.join(root, 'miniapp', 'config')),
  newest(path.join(root, 'shared', 'src')),
)
const built = fs.existsSync(h5Index) ? fs.statSync(h5Index).mtimeMs : 0
if (built < sources) {
  process.stdout.write('[start] building the H5 mini-program (about 20 s) …\n')
  const r = spawnSync('npm', ['run', 'build:h5', '--silent'], { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) {
    process.stderr.write('[start] the H5 build failed\n')
    process.exit(1)
  }
}

process.stdout.write('[start] starting the API (embedded database unless DATABASE_URL is set) …\n')
const server = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'server', 'src', 'index.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env },
})
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig))
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)))
