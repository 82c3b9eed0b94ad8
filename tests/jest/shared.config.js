const path = require('node:path')
const root = path.resolve(__dirname, '..', '..')
module.exports = {
  displayName: 'shared',
  rootDir: root,
  testMatch: ['<rootDir>/tests/domain/**/*.test.ts'],
  testEnvironment: 'node',
  transform: require('./swc'),
  // ES-module-only packages, compiled to CommonJS for jest
  transformIgnorePatterns: ['/node_modules/(?!(jose)/)'],
  moduleNameMapper: { '^@civic/shared$': '<rootDir>/shared/src/index.ts' },
}
