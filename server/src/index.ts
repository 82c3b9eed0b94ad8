/**
 * The server process: listens, and on SIGTERM/SIGINT stops accepting, lets in-flight requests
 * finish (at most 10 s), closes the database and exits.
 */
import type { AddressInfo } from 'node:net'
import { ConfigError, loadConfig } from './config'
import { createHttpServer } from './http/server'
import { createLogger } from './logger'
import { startRuntime } from './runtime'

async function main() {
  let config
  try {
    config = loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`)
      process.exit(78) // EX_CONFIG
    }
    throw err
  }
  const logger = createLogger(config.logLevel)
  const runtime = await startRuntime(config, logger)
  const server = createHttpServer(runtime.app)
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve))
  const { port } = server.address() as AddressInfo
  const shown = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host
  logger.info({ port, database: runtime.deps.db.kind }, 'listening')
  // one plain line for people and for scripts that wait for the server
  process.stdout.write(`\n  文明积分 is running: http://${shown}:${port}/   (API docs: http://${shown}:${port}/api/docs)\n\n`)

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'shutting down')
    const force = setTimeout(() => {
      logger.error('shutdown took longer than 10 s: exiting')
      process.exit(1)
    }, 10_000)
    force.unref()
    server.close(async () => {
      await runtime.close().catch((err) => logger.error({ err }, 'closing the database failed'))
      clearTimeout(force)
      process.exit(0)
    })
    server.closeIdleConnections()
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

main().catch((err) => {
  process.stderr.write(`Failed to start: ${err instanceof Error ? err.stack : String(err)}\n`)
  process.exit(1)
})
