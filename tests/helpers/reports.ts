/** Photos, people and reports for the 随手拍 / 整改 tests. */
import { randomBytes } from 'node:crypto'
import sharp from 'sharp'
import type { PrismaClient } from '../../server/src/generated/prisma/client'
import type { TestApp } from './app'
import { makeCommunity, makeUnit, makeUser } from './factories'

export type Format = 'jpeg' | 'png' | 'webp'

/** A small image of random pixels: every call gives different bytes (reuse the buffer for "the same photo"). */
export async function randomImage(format: Format = 'jpeg', width = 48, height = 32): Promise<Buffer> {
  const raw = randomBytes(width * height * 3)
  const img = sharp(raw, { raw: { width, height, channels: 3 } })
  return (format === 'jpeg' ? img.jpeg() : format === 'png' ? img.png() : img.webp()).toBuffer()
}

/** A JPEG carrying EXIF with a camera make and a GPS position (near 人民广场, Shanghai). */
export async function jpegWithGps(): Promise<Buffer> {
  const raw = randomBytes(64 * 48 * 3)
  return sharp(raw, { raw: { width: 64, height: 48, channels: 3 } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'GPS-1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 13/1 50/1', GPSLongitudeRef: 'E', GPSLongitude: '121/1 28/1 30/1' },
    })
    .toBuffer()
}

/** Does a raw EXIF block (as sharp's metadata gives it) hold a GPS IFD pointer (tag 0x8825) in IFD0? */
export function exifHasGps(exif: Buffer | undefined): boolean {
  if (!exif) return false
  const tiff = exif.subarray(exif.indexOf('II*\0') >= 0 ? exif.indexOf('II*\0') : exif.indexOf('MM\0*'))
  const le = tiff.toString('latin1', 0, 2) === 'II'
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o))
  const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o))
  const ifd0 = u32(4)
  const count = u16(ifd0)
  for (let i = 0; i < count; i++) if (u16(ifd0 + 2 + i * 12) === 0x8825) return true
  return false
}

export const bearer = async (t: TestApp, userId: number) => `Bearer ${await t.tokenFor(userId)}`

/** `POST /api/uploads` with one file field. */
export async function upload(t: TestApp, userId: number, bytes: Buffer, filename = 'photo.jpg', contentType = 'image/jpeg') {
  return t.http
    .post('/api/uploads')
    .set('Authorization', await bearer(t, userId))
    .attach('file', bytes, { filename, contentType })
}

/** Uploads fresh random photos and returns their ids. */
export async function uploadIds(t: TestApp, userId: number, n = 1): Promise<string[]> {
  const ids: string[] = []
  for (let i = 0; i < n; i++) {
    const res = await upload(t, userId, await randomImage())
    if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`)
    ids.push(res.body.uploadId)
  }
  return ids
}

export async function categoryId(prisma: PrismaClient, name = '垃圾堆放'): Promise<number> {
  return (await prisma.reportCategory.findUniqueOrThrow({ where: { name } })).id
}

/** The office, a community, two units with an organiser each, and two residents. */
export async function reportWorld(prisma: PrismaClient) {
  const community = await makeCommunity(prisma)
  const unitA = await makeUnit(prisma)
  const unitB = await makeUnit(prisma)
  return {
    community,
    unitA,
    unitB,
    office: await makeUser(prisma, { office: true, realName: '文明办小王' }),
    organiserA: await makeUser(prisma, { organiserOfUnit: unitA.id, unitId: unitA.id, realName: '甲单位老李' }),
    organiserB: await makeUser(prisma, { organiserOfUnit: unitB.id, unitId: unitB.id, realName: '乙单位老赵' }),
    resident: await makeUser(prisma, { communityId: community.id, realName: '居民陈', phone: '13912345678' }),
    neighbour: await makeUser(prisma, { communityId: community.id, realName: '居民周' }),
  }
}
export type ReportWorld = Awaited<ReturnType<typeof reportWorld>>

export function reportBody(w: { community: { id: number } }, categoryIdValue: number, ids: string[], extra: Record<string, unknown> = {}) {
  return {
    categoryId: categoryIdValue,
    communityId: w.community.id,
    description: '小区门口垃圾堆了三天没人清理',
    address: '人民路 88 号门口',
    latitude: 34.2611,
    longitude: 108.9422,
    uploadIds: ids,
    ...extra,
  }
}

/** A submitted report by `reporterId` with one fresh photo; returns the response. */
export async function submitReport(t: TestApp, w: ReportWorld, reporterId = w.resident.id, extra: Record<string, unknown> = {}) {
  const ids = await uploadIds(t, reporterId)
  return t.http
    .post('/api/reports')
    .set('Authorization', await bearer(t, reporterId))
    .send(reportBody(w, await categoryId(t.db.prisma), ids, extra))
}

/** Row counts of everything a report step may write. */
export async function reportTables(prisma: PrismaClient) {
  return {
    reports: await prisma.report.count(),
    events: await prisma.reportEvent.count(),
    photos: await prisma.reportPhoto.count(),
    uploads: await prisma.upload.count(),
    points: await prisma.pointsEntry.count(),
  }
}

// ---------------------------------------------------------------- the steps, through the API

export const post = async (t: TestApp, userId: number, url: string, body?: Record<string, unknown>) =>
  t.http
    .post(url)
    .set('Authorization', await bearer(t, userId))
    .send(body ?? {})

export const get = async (t: TestApp, userId: number, url: string) => t.http.get(url).set('Authorization', await bearer(t, userId))

export const ASSIGN = { action: 'assign', instruction: '三日内清理完毕并设置提示牌' }

/** Drives a fresh report of the resident's to `status` through the API; returns its id. */
export async function reportIn(t: TestApp, w: ReportWorld, status: string): Promise<number> {
  const ok = <R extends { status: number; body: any }>(res: R, want = 200): R => {
    if (res.status !== want) throw new Error(`step to ${status} failed: ${res.status} ${JSON.stringify(res.body)}`)
    return res
  }
  const id: number = ok(await submitReport(t, w), 201).body.id
  if (status === 'submitted') return id
  if (status === 'rejected') {
    ok(await post(t, w.office.id, `/api/reports/${id}/triage`, { action: 'reject', reason: '不属于城市管理范围' }))
    return id
  }
  if (status === 'duplicate') {
    const original: number = ok(await submitReport(t, w, w.neighbour.id), 201).body.id
    ok(await post(t, w.office.id, `/api/reports/${id}/triage`, { action: 'duplicate', duplicateOfId: original }))
    return id
  }
  ok(await post(t, w.office.id, `/api/reports/${id}/triage`, { ...ASSIGN, unitId: w.unitA.id }))
  if (status === 'assigned') return id
  ok(await post(t, w.organiserA.id, `/api/reports/${id}/accept`))
  if (status === 'accepted') return id
  const after = await uploadIds(t, w.organiserA.id)
  ok(await post(t, w.organiserA.id, `/api/reports/${id}/rectify`, { note: '已清理并设置提示牌', uploadIds: after }))
  if (status === 'rectified') return id
  ok(await post(t, w.office.id, `/api/reports/${id}/verify`, { action: 'close' }))
  if (status === 'closed') return id
  throw new Error(`unknown status ${status}`)
}
