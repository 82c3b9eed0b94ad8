/**
 * The real server process (server/src/index.ts under tsx) on an ephemeral port with a fresh
 * embedded database (demo city seeded, dev login on), serving the H5 build at the same origin.
 * For browser e2e tests and anything that must see the process as users do.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ROOT } from './db-tool'

export interface TestServer {
  url: string
  process: ChildProcess
  /** everything the process printed */
  output(): string
  close(): Promise<void>
}

export async function startTestServer(opts: { seed?: boolean; env?: Record<string, string> } = {}): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-server-'))
  // node itself with tsx as a loader: `process` is the server (the tsx CLI would make it a grandchild)
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server', 'src', 'index.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_URL: `pglite:${path.join(dir, 'db')}`,
      AUTH_DEV_LOGIN: '1',
      SEED_DEMO: opts.seed === false ? '0' : '1',
      LOG_LEVEL: 'warn',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (out += d))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 90 s:\n${out}`)), 90_000)
    const onData = () => {
      const m = /is running: (http:\/\/[^\s/]+)\//.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    }
    child.stdout!.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code}:\n${out}`))
    })
  })
  return {
    url,
    process: child,
    output: () => out,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
