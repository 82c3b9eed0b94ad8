/**
 * Security headers (koa-helmet) on the H5 pages and the API; CORS only for configured origins.
 * The CSP admits the H5 build's inline bootstrap script by its hash, and nothing else inline.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type TestApp, createTestApp } from '../helpers/app'

const INLINE = "window.__boot = 'ok';"
const sha = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`

describe('security headers and CORS', () => {
  let t: TestApp
  let dir: string
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-h5-'))
    fs.writeFileSync(path.join(dir, 'index.html'), `<!DOCTYPE html><html><head><script>${INLINE}</script><script src="/js/app.js"></script></head><body></body></html>`)
    t = await createTestApp({ H5_DIR: dir, CORS_ORIGINS: 'https://office.example.cn' })
  })
  afterAll(async () => {
    await t.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  test('when the H5 page is served, then it carries a CSP allowing only same-origin scripts and the inline bootstrap by hash, and the usual helmet headers', async () => {
    const res = await t.http.get('/')

    expect(res.status).toBe(200)
    const csp = String(res.headers['content-security-policy'])
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]))
    expect(directives['script-src']).toEqual(["'self'", sha(INLINE)])
    expect(directives['default-src']).toEqual(["'self'"])
    expect(directives['object-src']).toEqual(["'none'"])
    expect(directives['frame-ancestors']).toEqual(["'none'"])
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN')
    expect(res.headers['referrer-policy']).toBe('same-origin')
    expect(res.headers['x-powered-by']).toBeUndefined()
  })

  test('when the H5 build is replaced, then the CSP follows the new inline script without a restart (the build is looked at every 2 s)', async () => {
    const next = "window.__boot = 'v2';"
    const file = path.join(dir, 'index.html')
    fs.writeFileSync(file, `<html><head><script>${next}</script></head></html>`)
    const later = new Date(Date.now() + 5000)
    fs.utimesSync(file, later, later)

    const soon = await t.http.get('/some/deep/link')
    // 3 s later on the server's clock
    const now = Date.now()
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now + 3000)
    let res
    try {
      res = await t.http.get('/some/deep/link')
    } finally {
      clock.mockRestore()
    }

    expect(String(soon.headers['content-security-policy'])).toContain(sha(INLINE))
    expect(res.status).toBe(200)
    expect(String(res.headers['content-security-policy'])).toContain(sha(next))
    expect(String(res.headers['content-security-policy'])).not.toContain(sha(INLINE))
  })

  test('when the API answers, then it also carries nosniff and a CSP', async () => {
    const res = await t.http.get('/api/health')

    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['content-security-policy']).toContain("default-src 'self'")
  })

  test('when a configured origin calls the API, then CORS allows it; an unknown origin gets no CORS grant', async () => {
    const allowed = await t.http.get('/api/health').set('Origin', 'https://office.example.cn')
    const other = await t.http.get('/api/health').set('Origin', 'https://evil.example.com')

    expect(allowed.headers['access-control-allow-origin']).toBe('https://office.example.cn')
    expect(other.headers['access-control-allow-origin']).toBeUndefined()
  })

  test('when photos live in S3-compatible storage, then the CSP lets the page load them from there and nowhere else', async () => {
    const s3 = await createTestApp({
      STORAGE: 's3',
      S3_BUCKET: 'civic-photos',
      S3_ENDPOINT: 'https://oss-cn-hangzhou.aliyuncs.com',
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_FORCE_PATH_STYLE: '0',
    })
    try {
      const res = await s3.http.get('/api/health')
      const csp = String(res.headers['content-security-policy'])
      const img = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('img-src'))

      expect(img).toBe("img-src 'self' data: blob: https://civic-photos.oss-cn-hangzhou.aliyuncs.com https://oss-cn-hangzhou.aliyuncs.com")
    } finally {
      await s3.close()
    }
  })
})
