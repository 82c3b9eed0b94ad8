const path = require('node:path')
const root = path.resolve(__dirname, '..', '..')
/**
 * H5 end-to-end in Chromium (playwright-core) against the real server process, which serves the
 * H5 build at the same origin. Prerequisites: `npm run build:h5`, Chromium at /usr/bin/chromium
 * (or CHROMIUM_PATH). The test runner builds H5 first.
 */
module.exports = {
  displayName: 'e2e',
  rootDir: root,
  testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
  testEnvironment: 'node',
  transform: require('./swc'),
  moduleNameMapper: { '^@civic/shared$': '<rootDir>/shared/src/index.ts' },
}
