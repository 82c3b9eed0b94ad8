#!/usr/bin/env node
// `npm run test:robustness`: the robustness runs at full size, and one table of what they tried
// and what held —
//   fuzzing (10,000 generated requests per database), crash rounds (SIGKILL mid-burst, 5 per
//   database), the PostgreSQL outage, graceful shutdown, and the rate-limit tests.
// Needs PostgreSQL (TEST_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/postgres)
// and Redis (127.0.0.1:6379) like npm test.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const requests = process.env.FUZZ_REQUESTS ?? '10000'
const rounds = process.env.CRASH_ROUNDS ?? '5'
process.env.TEST_DATABASE_URL ||= 'postgresql://postgres@127.0.0.1:5432/postgres'

function run(label, cmd, args, env = {}) {
  process.stdout.write(`\n[robustness] ${label} …\n`)
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    const take = (d) => {
      out += d
      process.stdout.write(d)
    }
    child.stdout.on('data', take)
    child.stderr.on('data', take)
    child.on('exit', (code) => resolve({ code, out }))
  })
}

const jest = path.join(root, 'node_modules', '.bin', 'jest')
const tsx = path.join(root, 'node_modules', '.bin', 'tsx')
const rows = []
let failed = false

for (const project of ['api-pglite', 'api-postgres']) {
  const r = await run(`fuzz on ${project} (${requests} requests)`, jest, ['tests/api/fuzz.test.ts'], { JEST_PROJECTS: project, FUZZ_REQUESTS: requests })
  const m = /fuzz \((\w+)\): (\d+) requests[\s\S]*?5xx: (\d+)\s+rejected: (\d+)\s+rejected-but-written: (\d+)/.exec(r.out)
  rows.push([`fuzz (${project.replace('api-', '')})`, m ? `${m[2]} requests, ${m[4]} rejected` : 'did not run', m ? `5xx ${m[3]}, rejected-but-written ${m[5]}` : '—', r.code === 0 ? 'held' : 'FAILED'])
  failed ||= r.code !== 0
}

const crash = await run(`crash rounds (${rounds} per database)`, tsx, ['bench/crash.ts', `--rounds=${rounds}`])
for (const kind of ['postgresql', 'pglite']) {
  const lines = [...crash.out.matchAll(new RegExp(`${kind} round \\d+: (\\d+)/(\\d+) acknowledged[^\\n]*acknowledged-but-lost (\\d+), inconsistent (\\d+), retried (\\d+) \\(failures (\\d+)\\), credited twice (\\d+)`, 'g'))]
  const sum = (i) => lines.reduce((s, l) => s + Number(l[i]), 0)
  rows.push([
    `crash (${kind})`,
    `${lines.length} rounds, ${sum(1)} acknowledged, ${sum(5)} retried`,
    `acknowledged-but-lost ${sum(3)}, inconsistent ${sum(4)}, retry failures ${sum(6)}, credited twice ${sum(7)}`,
    lines.length === Number(rounds) && !sum(3) && !sum(4) && !sum(6) && !sum(7) ? 'held' : 'FAILED',
  ])
}
failed ||= crash.code !== 0

const proc = await run('outage and shutdown (process tests)', jest, ['--verbose', 'tests/process/outage.test.ts', 'tests/process/shutdown.test.ts'], { JEST_PROJECTS: 'process' })
const outage = /outage: (\d+) calls before, (\d+) during \(slowest (\d+) ms\), recovery (\d+) ms/.exec(proc.out)
rows.push(['PostgreSQL outage', outage ? `${outage[2]} calls while down` : 'did not run', outage ? `slowest answer ${outage[3]} ms (503), recovery ${outage[4]} ms` : '—', /✓ when PostgreSQL stops/.test(proc.out) ? 'held' : 'FAILED'])
rows.push(['graceful shutdown', 'SIGTERM mid-request', 'request completed, new refused, exit 0 < 10 s', /✓ when SIGTERM arrives/.test(proc.out) ? 'held' : 'FAILED'])
failed ||= proc.code !== 0

const limits = await run('rate limits', jest, ['tests/api/rate-limits.test.ts'], { JEST_PROJECTS: 'api-pglite' })
rows.push(['rate limits', 'login/IP, login/openid, scans/user; Redis shared', '429 + Retry-After; Redis down → memory', limits.code === 0 ? 'held' : 'FAILED'])
failed ||= limits.code !== 0

const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length), ['check', 'tried', 'seen', 'result'][i].length))
const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`
process.stdout.write(`\n${line(['check', 'tried', 'seen', 'result'])}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${rows.map(line).join('\n')}\n`)
process.exit(failed ? 1 : 0)
