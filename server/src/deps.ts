import type { Config } from './config'
import type { Database } from './db/client'
import type { DataCipher } from './lib/crypto'
import type { Logger } from './logger'
import type { WechatClient } from './wechat/client'

/** What routes and services are given (no globals). */
export interface Deps {
  config: Config
  db: Database
  prisma: Database['prisma']
  wechat: WechatClient
  cipher: DataCipher
  logger: Logger
}
