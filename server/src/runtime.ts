/**
 * Boots the service from configuration: database (PGlite or PostgreSQL), migrations,
 * first-run demo seed, dependencies, the Koa app.
 */
import type Koa from 'koa'
import { type Config, REPO_ROOT } from './config'
import { createApp } from './app'
import { limitsOf } from './http/rate-limit'
import { openDatabase } from './db/client'
import { applyMigrations } from './db/migrate'
import type { Deps } from './deps'
import { createDataCipher } from './lib/crypto'
import { createLogger, type Logger } from './logger'
import { generateAll } from './modules/activities/schedules'
import { closeEnded } from './modules/attendance/manage'
import { compactHours } from './modules/stats/rollup'
import { seedDemoIfEmpty } from './seed/demo'
import { storageFor } from './storage'
import { createWechatClient } from './wechat/client'

export interface Runtime {
  app: Koa
  deps: Deps
  close(): Promise<void>
}

export async function startRuntime(config: Config, logger: Logger = createLogger(config.logLevel)): Promise<Runtime> {
  const db = await openDatabase({ url: config.databaseUrl, poolSize: config.databasePoolSize, baseDir: REPO_ROOT })
  try {
    const started = Date.now()
    const applied = await applyMigrations(db.connection)
    logger.info({ database: db.kind, applied, ms: Date.now() - started }, 'migrations applied')
    const cipher = createDataCipher(config.dataKey)
    if (config.seedDemo) {
      const summary = await seedDemoIfEmpty(db.prisma, {
        cipher,
        reports: { storage: storageFor(config), points: config.reports.points },
      })
      if (summary) logger.info({ summary }, 'demo city seeded (first start)')
    }
    const deps: Deps = {
      config,
      db,
      prisma: db.prisma,
      cipher,
      logger,
      wechat: createWechatClient({ apiBase: config.wechat.apiBase, appid: config.wechat.appid, secret: config.wechat.secret }),
    }
    // weekly schedules (周上街): create the coming weeks' activities now and every hour
    const generate = () =>
      generateAll(deps)
        .then((created) => created && logger.info({ created }, 'scheduled activities created'))
        .catch((err) => logger.error({ err }, 'schedule generator failed'))
    // activities past their check-out window are closed: no-shows marked
    const close = () =>
      closeEnded(deps)
        .then((closed) => closed && logger.info({ closed }, 'ended activities closed'))
        .catch((err) => logger.error({ err }, 'closing ended activities failed'))
    // the figures' hours rollup: delta rows folded every minute
    const compact = () =>
      compactHours(deps)
        .then((folded) => folded && logger.debug({ folded }, 'hours rollup compacted'))
        .catch((err) => logger.error({ err }, 'compacting the hours rollup failed'))
    await generate()
    await close()
    await compact()
    const timer = setInterval(generate, 3_600_000)
    const closer = setInterval(close, 10 * 60_000)
    const compactor = setInterval(compact, 60_000)
    timer.unref()
    closer.unref()
    compactor.unref()
    const app = createApp(deps)
    return {
      app,
      deps,
      close: async () => {
        clearInterval(timer)
        clearInterval(closer)
        clearInterval(compactor)
        await limitsOf(app.context).close()
        await db.close()
      },
    }
  } catch (err) {
    await db.close()
    throw err
  }
}
