const path = require('node:path')
const root = path.resolve(__dirname, '..', '..')
/** The server as a process: start, first-run seed, restart, refusal of bad production config, SIGTERM. */
module.exports = {
  displayName: 'process',
  rootDir: root,
  testMatch: ['<rootDir>/tests/process/**/*.test.ts'],
  testEnvironment: 'node',
  transform: require('./swc'),
  transformIgnorePatterns: ['/node_modules/(?!(jose)/)'],
  moduleNameMapper: { '^@civic/shared$': '<rootDir>/shared/src/index.ts' },
}
