/**
 * Security headers (koa-helmet) on every response, the H5 pages included. The Content
 * Security Policy allows scripts from this origin only, plus the H5 build's inline bootstrap
 * script by its sha256 hash (read from the built index.html, re-read when it is rebuilt).
 * Images may also come from data:/blob: URLs (QR codes, chosen photos) and, when uploads are
 * stored in S3-compatible storage, from its endpoint.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import helmet from 'koa-helmet'
import type { Config } from '../config'

/** sha256 sources of the inline <script> blocks of an HTML file (none when it is missing). */
export function inlineScriptHashes(htmlPath: string): string[] {
  let html: string
  try {
    html = fs.readFileSync(htmlPath, 'utf8')
  } catch {
    return []
  }
  const hashes: string[] = []
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    if (m[1].length) hashes.push(`'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`)
  }
  return hashes
}

/** stat the build at most this often (every response carries the policy) */
const RECHECK_MS = 2_000

function cachedHashes(htmlPath: string): () => string[] {
  let seen = { mtimeMs: -1, hashes: [] as string[] }
  let checkedAt = -Infinity
  return () => {
    if (Date.now() - checkedAt < RECHECK_MS) return seen.hashes
    checkedAt = Date.now()
    let mtimeMs = 0
    try {
      mtimeMs = fs.statSync(htmlPath).mtimeMs
    } catch {
      mtimeMs = 0
    }
    if (mtimeMs !== seen.mtimeMs) seen = { mtimeMs, hashes: inlineScriptHashes(htmlPath) }
    return seen.hashes
  }
}

/** Where photo links point when uploads live in S3-compatible storage (presigned GETs). */
export function storageOrigins(config: Config): string[] {
  const s = config.storage
  if (s.kind !== 's3') return []
  if (s.endpoint) {
    const u = new URL(s.endpoint)
    return s.forcePathStyle ? [u.origin] : [`${u.protocol}//${s.bucket}.${u.host}`, u.origin]
  }
  return [`https://${s.bucket}.s3.${s.region}.amazonaws.com`, `https://s3.${s.region}.amazonaws.com`]
}

export function securityHeaders(config: Config, extraImageOrigins: string[] = storageOrigins(config)) {
  const hashes = cachedHashes(path.join(config.h5Dir, 'index.html'))
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'", () => hashes().join(' ')],
        // Taro/NutUI set style attributes at run time; certificates carry their own <style>
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:', ...extraImageOrigins],
        // blob:: Taro's H5 uploadFile reads the chosen photo back from its blob: URL with an XHR
        'connect-src': ["'self'", 'blob:', ...extraImageOrigins],
        'font-src': ["'self'", 'data:'],
        'object-src': ["'none'"],
        'frame-ancestors': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'upgrade-insecure-requests': config.env === 'production' ? [] : null,
      },
    },
    // the H5 app loads no cross-origin resources that would need CORP/COEP relaxations
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: config.env === 'production' ? { maxAge: 15552000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
  })
}
