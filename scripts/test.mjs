#!/usr/bin/env node
// `npm test`: runs every jest project whose prerequisites are present, builds what the
// mini-program suites need first, and says loudly at the end which suites did not run, why,
// and how to enable them. With REQUIRE_ALL_SUITES=1 (CI) a suite that cannot run, or that
// ran no test, is a failure. Extra arguments go to jest (e.g. a path filter).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const requireAll = process.env.REQUIRE_ALL_SUITES === '1'
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const defaultPg = 'postgresql://postgres@127.0.0.1:5432/postgres'

const say = (msg) => process.stdout.write(`[test] ${msg}\n`)

async function postgresReachable(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    await client.query('SELECT 1')
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

function build(target) {
  say(`building the ${target} mini-program (npm run build:${target}) …`)
  const started = Date.now()
  const r = spawnSync('npm', ['run', `build:${target}`, '--silent'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' })
  if (r.status !== 0) {
    process.stdout.write(r.stdout.slice(-4000))
    process.stderr.write(r.stderr.slice(-4000))
    say(`the ${target} build failed`)
    process.exit(1)
  }
  say(`${target} built in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

const suites = fs
  .readdirSync(path.join(root, 'tests', 'jest'))
  .filter((f) => f.endsWith('.config.js'))
  .map((f) => f.replace(/\.config\.js$/, ''))
  .sort()

const notRun = [] // { suite, why, enable }
const run = []

process.env.TEST_DATABASE_URL ||= (await postgresReachable(defaultPg)) ? defaultPg : ''
for (const suite of suites) {
  if (suite === 'api-postgres') {
    if (!process.env.TEST_DATABASE_URL || !(await postgresReachable(process.env.TEST_DATABASE_URL))) {
      notRun.push({
        suite,
        why: `no PostgreSQL server reachable (${process.env.TEST_DATABASE_URL || defaultPg})`,
        enable: 'start PostgreSQL, or set TEST_DATABASE_URL=postgresql://user@host:port/postgres (a role that may CREATE DATABASE)',
      })
      continue
    }
  }
  if (suite === 'e2e' && !fs.existsSync(chromium)) {
    notRun.push({ suite, why: `no Chromium at ${chromium}`, enable: 'apt-get install -y chromium (or set CHROMIUM_PATH)' })
    continue
  }
  run.push(suite)
}

if (run.includes('weapp')) build('weapp')
if (run.includes('e2e')) build('h5')

const resultsFile = path.join(os.tmpdir(), `civic-jest-${process.pid}.json`)
const countsFile = path.join(os.tmpdir(), `civic-suites-${process.pid}.json`)
say(`running jest projects: ${run.join(', ')}`)
const jest = spawnSync(
  process.execPath,
  [
    path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
    '--json',
    `--outputFile=${resultsFile}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, JEST_PROJECTS: run.join(','), SUITE_COUNTS_FILE: countsFile } },
)

let results = null
try {
  results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'))
  fs.rmSync(resultsFile, { force: true })
} catch {
  say('jest wrote no results')
}

// tests per project (jest's displayName, counted by tests/jest/suite-counter.js), to prove
// each suite really ran something
const perSuite = Object.fromEntries(run.map((s) => [s, 0]))
try {
  Object.assign(perSuite, JSON.parse(fs.readFileSync(countsFile, 'utf8')))
  fs.rmSync(countsFile, { force: true })
} catch {
  say('no per-suite counts were written')
}

const filtered = process.argv.length > 2
const ranNothing = filtered ? [] : run.filter((s) => perSuite[s] === 0)

process.stdout.write('\n================ test suites ================\n')
for (const s of run) process.stdout.write(`  ran      ${s.padEnd(14)} ${perSuite[s]} tests\n`)
for (const n of notRun) {
  process.stdout.write(`  NOT RUN  ${n.suite.padEnd(14)} ${n.why}\n           to enable: ${n.enable}\n`)
}
for (const s of ranNothing) process.stdout.write(`  EMPTY    ${s.padEnd(14)} ran no test\n`)
if (notRun.length) {
  process.stdout.write(
    `\n  !!! ${notRun.length} suite(s) did not run: ${notRun.map((n) => n.suite).join(', ')}${requireAll ? ' (REQUIRE_ALL_SUITES=1: failing)' : ''}\n`,
  )
}
process.stdout.write('=============================================\n')
if (results) {
  const failed = results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0)
  process.stdout.write(`jest: ${results.numPassedTests} passed, ${failed} failed\n`)
}

let code = jest.status ?? 1
if (requireAll && (notRun.length || ranNothing.length)) code = code || 1
process.exit(code)
