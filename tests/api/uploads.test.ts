/**
 * `POST /api/uploads`: the type is judged from the bytes (never the name or the declared type),
 * at most 5 MB, one file; the stored copy is re-encoded without EXIF (no GPS position reaches
 * storage) and its sha256 recorded. Every refusal writes nothing: no row, no file.
 */
import { createHash } from 'node:crypto'
import { once } from 'node:events'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { UPLOAD_MAX_BYTES } from '@civic/shared'
import { createApp } from '../../server/src/app'
import { type TestApp, createTestApp } from '../helpers/app'
import { makeUser } from '../helpers/factories'
import { bearer, exifHasGps, jpegWithGps, randomImage, upload } from '../helpers/reports'

describe('photo uploads', () => {
  let t: TestApp
  let dir: string
  let userId: number

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-uploads-'))
    t = await createTestApp({ UPLOAD_DIR: dir })
    userId = (await makeUser(t.db.prisma)).id
  })
  afterAll(async () => {
    await t.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  const files = () => fs.readdirSync(dir).filter((f) => !f.startsWith('.'))
  const snapshot = async () => ({ rows: await t.db.prisma.upload.count(), files: files().length })

  /** sends `bytes` and expects a refusal with `status` and `code`, and nothing written */
  async function refused(bytes: Buffer, status: number, code: string, filename = 'photo.jpg', type = 'image/jpeg') {
    const before = await snapshot()
    const res = await upload(t, userId, bytes, filename, type)
    expect({ status: res.status, code: res.body.error?.code }).toEqual({ status, code })
    expect(await snapshot()).toEqual(before)
  }

  describe('accepted photos', () => {
    test.each(['jpeg', 'png', 'webp'] as const)('when a %s is uploaded, then 201 and the stored bytes are an image of that type with their sha256 recorded', async (format) => {
      const res = await upload(t, userId, await randomImage(format), `photo.${format}`, `image/${format}`)

      expect(res.status).toBe(201)
      expect(res.body).toMatchObject({ mime: `image/${format}`, width: 48, height: 32 })
      const row = await t.db.prisma.upload.findUniqueOrThrow({ where: { id: res.body.uploadId } })
      expect(row.ownerId).toBe(userId)
      const stored = fs.readFileSync(path.join(dir, row.storageKey))
      expect(createHash('sha256').update(stored).digest('hex')).toBe(row.sha256)
      expect(row.size).toBe(stored.length)
      expect((await sharp(stored).metadata()).format).toBe(format)
    })

    test('when a PNG is sent named photo.jpg as image/jpeg, then it is taken for what its bytes are: a PNG', async () => {
      const res = await upload(t, userId, await randomImage('png'), 'photo.jpg', 'image/jpeg')

      expect(res.status).toBe(201)
      expect(res.body.mime).toBe('image/png')
      const row = await t.db.prisma.upload.findUniqueOrThrow({ where: { id: res.body.uploadId } })
      expect(row.storageKey).toMatch(/\.png$/)
    })

    test('when a JPEG carries EXIF with a GPS position, then the stored copy has no EXIF at all', async () => {
      const original = await jpegWithGps()
      expect(exifHasGps((await sharp(original).metadata()).exif)).toBe(true)
      expect(original.includes('TestCam')).toBe(true)

      const res = await upload(t, userId, original)

      expect(res.status).toBe(201)
      const row = await t.db.prisma.upload.findUniqueOrThrow({ where: { id: res.body.uploadId } })
      const stored = fs.readFileSync(path.join(dir, row.storageKey))
      const meta = await sharp(stored).metadata()
      expect(meta.exif).toBeUndefined()
      expect(exifHasGps(meta.exif)).toBe(false)
      expect(stored.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false)
      expect(stored.includes('TestCam')).toBe(false)
    })

    test('when a photo is just under 5 MB, then it is accepted', async () => {
      // random pixels do not compress: a 1290 × 1290 PNG is about 4.99 MB
      const big = await sharp(Buffer.alloc(1290 * 1290 * 3).map(() => Math.floor(Math.random() * 256)), {
        raw: { width: 1290, height: 1290, channels: 3 },
      })
        .png({ compressionLevel: 0 })
        .toBuffer()
      expect(big.length).toBeLessThanOrEqual(UPLOAD_MAX_BYTES)
      expect(big.length).toBeGreaterThan(UPLOAD_MAX_BYTES - 300_000)

      const res = await upload(t, userId, big, 'big.png', 'image/png')

      expect(res.status).toBe(201)
    })
  })

  describe('refused uploads write nothing', () => {
    test('when the file has zero bytes, then 400 upload_empty', async () => {
      await refused(Buffer.alloc(0), 400, 'upload_empty')
    })

    test('when the file is one byte over 5 MB, then 413 upload_too_large', async () => {
      const jpeg = await randomImage()
      const over = Buffer.concat([jpeg, Buffer.alloc(UPLOAD_MAX_BYTES + 1 - jpeg.length)])
      await refused(over, 413, 'upload_too_large')
    })

    test('when the request announces far more than 5 MB, then 413 upload_too_large before reading it', async () => {
      await refused(Buffer.alloc(8 * 1024 * 1024, 0xff), 413, 'upload_too_large')
    })

    test.each([
      ['a GIF', Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.alloc(64)])],
      ['an HTML page', Buffer.from('<!doctype html><html><script>alert(document.cookie)</script></html>')],
      ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
      ['a zip', Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.alloc(100)])],
      ['a PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n')],
    ])('when %s is sent named photo.jpg as image/jpeg, then 415 upload_type_not_allowed', async (_what, bytes) => {
      await refused(bytes, 415, 'upload_type_not_allowed')
    })

    test('when a JPEG header is followed by HTML (a polyglot), then 422 upload_invalid', async () => {
      const bytes = Buffer.concat([
        Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]),
        Buffer.from('<html><body><script>fetch("/api/me")</script></body></html>'),
      ])
      await refused(bytes, 422, 'upload_invalid')
    })

    test.each(['jpeg', 'png', 'webp'] as const)('when a complete %s has a zip appended (a polyglot), then 422 upload_invalid', async (format) => {
      const zip = Buffer.concat([Buffer.from('PK\u0003\u0004\u0014\u0000', 'latin1'), Buffer.from('payload.html<script>')])
      await refused(Buffer.concat([await randomImage(format), zip]), 422, 'upload_invalid')
    })

    test('when a JPEG is cut short, then 422 upload_invalid', async () => {
      const jpeg = await randomImage('jpeg', 200, 200)
      await refused(jpeg.subarray(0, Math.floor(jpeg.length / 2)), 422, 'upload_invalid')
    })

    test('when a PNG signature fronts garbage, then 422 upload_invalid', async () => {
      const png = await randomImage('png')
      const broken = Buffer.from(png)
      broken.fill(0x41, 16, 40) // the IHDR chunk
      await refused(broken, 422, 'upload_invalid', 'photo.png', 'image/png')
    })
  })

  describe('the request itself', () => {
    test('when two files are sent, then 400 upload_too_many_files and nothing is written', async () => {
      const before = await snapshot()
      const res = await t.http
        .post('/api/uploads')
        .set('Authorization', await bearer(t, userId))
        .attach('file', await randomImage(), 'a.jpg')
        .attach('other', await randomImage(), 'b.jpg')

      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('upload_too_many_files')
      expect(await snapshot()).toEqual(before)
    })

    test('when only text fields are sent, then 400 upload_missing', async () => {
      const res = await t.http.post('/api/uploads').set('Authorization', await bearer(t, userId)).field('note', 'hello')

      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('upload_missing')
    })

    test('when JSON is sent instead of multipart, then 415 unsupported_media_type', async () => {
      const res = await t.http.post('/api/uploads').set('Authorization', await bearer(t, userId)).send({ file: 'x' })

      expect(res.status).toBe(415)
      expect(res.body.error.code).toBe('unsupported_media_type')
    })

    test('when nobody is signed in, then 401 and nothing is written', async () => {
      const before = await snapshot()
      const res = await t.http.post('/api/uploads').attach('file', await randomImage(), 'a.jpg')

      expect(res.status).toBe(401)
      expect(await snapshot()).toEqual(before)
    })

    test('when the client disconnects mid-upload, then the request ends (it does not wait for ever) and nothing is written', async () => {
      const app = createApp(t.deps)
      let finished!: () => void
      let arrived!: () => void
      const handled = new Promise<void>((resolve) => (finished = resolve))
      const reached = new Promise<void>((resolve) => (arrived = resolve))
      app.middleware.unshift(async (_ctx, next) => {
        arrived()
        try {
          await next()
        } finally {
          finished()
        }
      })
      const server = http.createServer(app.callback()).listen(0, '127.0.0.1')
      await once(server, 'listening')
      const before = await snapshot()
      try {
        const boundary = 'x-boundary'
        const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`
        const req = http.request({
          port: (server.address() as AddressInfo).port,
          host: '127.0.0.1',
          method: 'POST',
          path: '/api/uploads',
          headers: {
            Authorization: await bearer(t, userId),
            'Content-Type': `multipart/form-data; boundary=${boundary}`,
            'Content-Length': String(1_000_000),
          },
        })
        req.on('error', () => {})
        req.write(head)
        req.write((await randomImage()).subarray(0, 200))
        // once the server has the request, with the body far from complete: hang up
        await reached
        req.destroy()

        await handled
        expect(await snapshot()).toEqual(before)
      } finally {
        server.close()
      }
    }, 15_000)

    test('when other JSON routes are posted to, then they still parse JSON (the upload exception is narrow)', async () => {
      const res = await t.http
        .post('/api/reports')
        .set('Authorization', await bearer(t, userId))
        .set('Content-Type', 'multipart/form-data; boundary=x')
        .send('--x--')

      expect(res.status).toBe(415)
    })
  })
})
