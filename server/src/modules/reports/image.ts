/**
 * What an uploaded photo really is, from its bytes (never the file name or the declared type),
 * and the clean copy that is stored: decoded and re-encoded by sharp, so EXIF (with its GPS
 * position), XMP, comments and anything hidden after the image never reach storage.
 */
import sharp from 'sharp'
import { AppError } from '../../http/errors'

export type ImageKind = 'jpeg' | 'png' | 'webp'

export const MIME: Record<ImageKind, 'image/jpeg' | 'image/png' | 'image/webp'> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
}
export const EXT: Record<ImageKind, 'jpg' | 'png' | 'webp'> = { jpeg: 'jpg', png: 'png', webp: 'webp' }

/** refuse decompression bombs: 50 megapixels is more than any phone camera */
const MAX_INPUT_PIXELS = 50_000_000
/** the stored copy's longest edge */
const MAX_EDGE = 4096

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** The type the leading bytes announce, or null for anything but JPEG, PNG and WebP. */
export function sniff(b: Buffer): ImageKind | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg'
  if (b.length >= 8 && b.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png'
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'webp'
  return null
}

/** Offset just past the JPEG's EOI marker, or null when the structure is broken or truncated. */
export function jpegEnd(b: Buffer): number | null {
  let i = 2
  while (i < b.length) {
    if (b[i] !== 0xff) return null
    while (i < b.length && b[i] === 0xff) i++ // fill bytes
    if (i >= b.length) return null
    const marker = b[i++]
    if (marker === 0xd9) return i
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue
    if (i + 2 > b.length) return null
    const len = b.readUInt16BE(i)
    if (len < 2 || i + len > b.length) return null
    i += len
    if (marker !== 0xda) continue
    // entropy-coded data runs to the next marker that is neither a stuffed 0xFF00 nor a restart
    for (;;) {
      i = b.indexOf(0xff, i)
      if (i < 0 || i + 1 >= b.length) return null
      const next = b[i + 1]
      if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) i += 2
      else if (next === 0xff) i += 1
      else break
    }
  }
  return null
}

/** Offset just past the PNG's IEND chunk, or null. */
export function pngEnd(b: Buffer): number | null {
  let i = 8
  while (i + 12 <= b.length) {
    const len = b.readUInt32BE(i)
    const type = b.toString('latin1', i + 4, i + 8)
    const end = i + 12 + len
    if (end > b.length) return null
    if (type === 'IEND') return end
    i = end
  }
  return null
}

/**
 * Does the file end where its image ends? A file with something appended (HTML, a zip, a
 * script: a polyglot) is refused. Trailing zero padding and the extra pictures phones append
 * after a JPEG (MPF: more JPEGs) are tolerated; they are dropped by the re-encoding anyway.
 */
export function endsCleanly(kind: ImageKind, b: Buffer): boolean {
  if (kind === 'webp') return b.length >= 12 && b.readUInt32LE(4) + 8 === b.length
  const end = kind === 'jpeg' ? jpegEnd(b) : pngEnd(b)
  if (end == null) return false
  if (end === b.length) return true
  const rest = b.subarray(end)
  if (rest.every((x) => x === 0)) return true
  return kind === 'jpeg' && sniff(rest) === 'jpeg'
}

export interface CleanImage {
  kind: ImageKind
  mime: (typeof MIME)[ImageKind]
  ext: (typeof EXT)[ImageKind]
  data: Buffer
  width: number
  height: number
}

/**
 * Checks an upload and returns the copy to store. Throws `upload_empty`,
 * `upload_type_not_allowed` (not JPEG/PNG/WebP by its bytes) or `upload_invalid` (broken,
 * disguised or with something appended).
 */
export async function cleanImage(bytes: Buffer): Promise<CleanImage> {
  if (bytes.length === 0) throw new AppError('upload_empty')
  const kind = sniff(bytes)
  if (!kind) throw new AppError('upload_type_not_allowed')
  if (!endsCleanly(kind, bytes)) throw new AppError('upload_invalid')
  const input = () => sharp(bytes, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS, animated: false })
  try {
    const meta = await input().metadata()
    if (meta.format !== kind) throw new AppError('upload_invalid')
    // apply the EXIF orientation to the pixels, then write a copy without any metadata
    let pipeline = input()
      .rotate()
      .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true })
    pipeline =
      kind === 'jpeg'
        ? pipeline.jpeg({ quality: 85, mozjpeg: true })
        : kind === 'png'
          ? pipeline.png({ compressionLevel: 9 })
          : pipeline.webp({ quality: 85 })
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true })
    return { kind, mime: MIME[kind], ext: EXT[kind], data, width: info.width, height: info.height }
  } catch (err) {
    if (err instanceof AppError) throw err
    // libvips could not decode it: not the image its header claims
    throw new AppError('upload_invalid')
  }
}
