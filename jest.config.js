/**
 * One jest, several projects (tests/jest/<name>.config.js). `npm test` (scripts/test.mjs)
 * chooses the projects whose prerequisites are present and reports the others loudly.
 * JEST_PROJECTS=shared,api-pglite narrows the run.
 */
const fs = require('node:fs')
const path = require('node:path')

const dir = path.join(__dirname, 'tests', 'jest')
const wanted = process.env.JEST_PROJECTS ? process.env.JEST_PROJECTS.split(',').map((s) => s.trim()) : null
const projects = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.config.js'))
  .map((f) => f.replace(/\.config\.js$/, ''))
  .filter((name) => !wanted || wanted.includes(name))
  .sort()
  .map((name) => path.join(dir, `${name}.config.js`))

module.exports = {
  projects,
  // suite-counter tells `npm test` how many tests each project ran
  reporters: ['default', path.join(__dirname, 'tests', 'jest', 'suite-counter.js')],
  testTimeout: 60_000,
}
