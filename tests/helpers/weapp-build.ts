import fs from 'node:fs'
import path from 'node:path'

export const WEAPP_DIST = path.resolve(__dirname, '..', '..', 'miniapp', 'dist', 'weapp')

/** The weapp tests need the production build; say how to make it instead of skipping. */
export function requireWeappBuild(): string {
  if (!fs.existsSync(path.join(WEAPP_DIST, 'app.js')) || !fs.existsSync(path.join(WEAPP_DIST, 'app.json'))) {
    throw new Error(
      `The weapp build is missing (${WEAPP_DIST}/app.js). Build it first: npm run build:weapp ` +
        '(the test runner does this before the weapp project).',
    )
  }
  return WEAPP_DIST
}
