/**
 * A jest reporter that counts the tests run per project (displayName) and writes them to
 * SUITE_COUNTS_FILE, so `npm test` can prove each suite really ran (the same test files run
 * in both API projects, so paths alone cannot tell).
 */
const fs = require('node:fs')

class SuiteCounter {
  constructor() {
    this.counts = {}
  }
  onTestResult(test, result) {
    const dn = test.context.config.displayName
    const name = (dn && (dn.name || dn)) || 'default'
    const ran = result.testResults.filter((r) => r.status === 'passed' || r.status === 'failed').length
    this.counts[name] = (this.counts[name] || 0) + ran
  }
  onRunComplete() {
    if (process.env.SUITE_COUNTS_FILE) fs.writeFileSync(process.env.SUITE_COUNTS_FILE, JSON.stringify(this.counts))
  }
}

module.exports = SuiteCounter
