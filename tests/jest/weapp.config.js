const path = require('node:path')
const root = path.resolve(__dirname, '..', '..')
/**
 * The COMPILED weapp (miniapp/dist/weapp): rendered through miniprogram-simulate with WeChat's own
 * WXML compiler, and compiled/size-checked offline by miniprogram-ci.
 * Prerequisite: `npm run build:weapp` (the tests fail, loudly, without the build).
 */
module.exports = {
  displayName: 'weapp',
  rootDir: root,
  testMatch: ['<rootDir>/tests/weapp/**/*.test.ts'],
  testEnvironment: 'jsdom',
  // only the tests are TypeScript; the built mini-program runs exactly as emitted
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/', '/miniapp/dist/'],
}
