/**
 * Reads exactly one file from a multipart/form-data request, at most `maxBytes`. The JSON body
 * parser skips the upload route (app.ts), so the raw request stream is still unread here.
 */
import busboy from 'busboy'
import type { Context } from 'koa'
import { AppError } from '../../http/errors'

/** room for the multipart boundaries and headers around the file */
const ENVELOPE_BYTES = 64 * 1024

export interface ReceivedFile {
  bytes: Buffer
  /** as the client named it; informational only (the type is judged from the bytes) */
  filename: string | null
}

export async function readSingleFile(ctx: Context, maxBytes: number): Promise<ReceivedFile> {
  if (!ctx.is('multipart/form-data')) {
    throw new AppError('unsupported_media_type', '请以 multipart/form-data 上传一张照片')
  }
  const declared = Number(ctx.get('Content-Length') || 0)
  if (declared > maxBytes + ENVELOPE_BYTES) throw new AppError('upload_too_large')

  let parser: busboy.Busboy
  try {
    parser = busboy({
      headers: ctx.req.headers,
      limits: { files: 1, fileSize: maxBytes, fields: 10, fieldSize: 1024, parts: 12, headerPairs: 20 },
    })
  } catch {
    // no or a malformed boundary
    throw new AppError('bad_request', '上传的内容格式不正确')
  }

  const result = await new Promise<{ files: ReceivedFile[]; tooLarge: boolean; tooMany: boolean }>((resolve, reject) => {
    const files: ReceivedFile[] = []
    let tooLarge = false
    let tooMany = false
    let reading = 0
    let parsed = false
    const settle = () => {
      if (parsed && reading === 0) resolve({ files, tooLarge, tooMany })
    }
    parser.on('file', (_name, stream, info) => {
      reading++
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('limit', () => {
        tooLarge = true
      })
      stream.on('end', () => {
        files.push({ bytes: Buffer.concat(chunks), filename: info.filename ?? null })
        reading--
        settle()
      })
    })
    parser.on('filesLimit', () => {
      tooMany = true
    })
    parser.on('close', () => {
      parsed = true
      settle()
    })
    parser.on('error', () => reject(new AppError('bad_request', '上传的内容格式不正确')))
    // the client went away mid-upload (now, or already while we authenticated): busboy would
    // wait for the rest for ever
    const aborted = () => reject(new AppError('bad_request', '上传中断，请重试'))
    if (ctx.req.destroyed && !ctx.req.complete) return aborted()
    ctx.req.on('close', () => {
      if (!ctx.req.complete) aborted()
    })
    ctx.req.on('error', reject)
    ctx.req.pipe(parser)
  })

  if (result.tooLarge) throw new AppError('upload_too_large')
  if (result.tooMany || result.files.length > 1) throw new AppError('upload_too_many_files')
  if (result.files.length === 0) throw new AppError('upload_missing')
  return result.files[0]
}
