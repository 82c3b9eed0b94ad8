const path = require('node:path')
const root = path.resolve(__dirname, '..', '..')
/** API tests against a real PostgreSQL server (TEST_DATABASE_URL); each test file gets its own freshly migrated database. */
module.exports = {
  displayName: 'api-postgres',
  rootDir: root,
  testMatch: ['<rootDir>/tests/api/**/*.test.ts'],
  testEnvironment: 'node',
  transform: require('./swc'),
  // ES-module-only packages, compiled to CommonJS for jest
  transformIgnorePatterns: ['/node_modules/(?!(jose)/)'],
  moduleNameMapper: { '^@civic/shared$': '<rootDir>/shared/src/index.ts' },
  globalSetup: '<rootDir>/tests/helpers/global-setup-postgres.ts',
  globalTeardown: '<rootDir>/tests/helpers/global-teardown-postgres.ts',
  setupFiles: ['<rootDir>/tests/helpers/env-postgres.ts'],
}
