const path = require('node:path')
const root = path.resolve(__dirname, '..', '..')
/** API tests against the embedded PGlite; each test file gets its own freshly migrated database. */
module.exports = {
  displayName: 'api-pglite',
  rootDir: root,
  testMatch: ['<rootDir>/tests/api/**/*.test.ts'],
  testEnvironment: 'node',
  transform: require('./swc'),
  // ES-module-only packages, compiled to CommonJS for jest
  transformIgnorePatterns: ['/node_modules/(?!(jose)/)'],
  moduleNameMapper: { '^@civic/shared$': '<rootDir>/shared/src/index.ts' },
  globalSetup: '<rootDir>/tests/helpers/global-setup-pglite.ts',
  globalTeardown: '<rootDir>/tests/helpers/global-teardown-pglite.ts',
  setupFiles: ['<rootDir>/tests/helpers/env-pglite.ts'],
}
