/**
 * The storage the configuration names, one per configuration (routes, the seed and the tests
 * ask for it with the config they run under).
 */
import { createHmac } from 'node:crypto'
import type { Config } from '../config'
import { LocalStorage, UrlSigner } from './local'
import { S3Storage } from './s3'
import type { Storage } from './types'

export type { Storage } from './types'
export { LocalStorage, UrlSigner, FILES_ROUTE } from './local'
export { S3Storage } from './s3'

const cache = new WeakMap<Config, Storage>()

/** The key that signs local file URLs: derived from the session secret, used for nothing else. */
export function fileUrlKey(config: Pick<Config, 'sessionSecret'>): Buffer {
  return createHmac('sha256', config.sessionSecret).update('civic-points:file-urls').digest()
}

export function createStorage(config: Config): Storage {
  const s = config.storage
  if (s.kind === 's3') return new S3Storage(s)
  return new LocalStorage(s.dir, new UrlSigner(fileUrlKey(config)))
}

export function storageFor(config: Config): Storage {
  let storage = cache.get(config)
  if (!storage) {
    storage = createStorage(config)
    cache.set(config, storage)
  }
  return storage
}
