/**
 * Where 随手拍 photos live. Keys are flat names (`<uploadId>.<ext>`); reading goes through signed,
 * expiring URLs only, so a link copied out of the mini-program stops working after a while.
 */
export interface Storage {
  readonly kind: 'local' | 's3'
  /** stores the bytes under `key` (overwrites) */
  put(key: string, bytes: Buffer, contentType: string): Promise<void>
  /** the bytes, or null when there is no such object */
  get(key: string): Promise<Buffer | null>
  /** removes the object; a missing one is fine */
  delete(key: string): Promise<void>
  /** a URL that serves the object until `ttlS` seconds from now */
  signedUrl(key: string, ttlS: number): Promise<string>
}

/** `<id>.<ext>`: nothing that could climb out of a directory or need escaping in a URL */
export const STORAGE_KEY = /^[A-Za-z0-9_-]{1,64}\.(jpg|png|webp)$/

export function assertKey(key: string): string {
  if (!STORAGE_KEY.test(key)) throw new Error(`invalid storage key ${JSON.stringify(key)}`)
  return key
}

export const CONTENT_TYPES: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' }

export const contentTypeOf = (key: string) => CONTENT_TYPES[key.slice(key.lastIndexOf('.') + 1)] ?? 'application/octet-stream'
