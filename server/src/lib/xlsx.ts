/**
 * Excel exports: a workbook from sheets described as columns + rows, written with exceljs's
 * streaming writer, and the HTTP headers to send it.
 *
 * Every text cell is neutralised against formula injection (a name like `=HYPERLINK(…)` opened
 * in Excel or WPS, or the sheet re-saved as CSV): text beginning with `= + - @`, a tab, CR or LF
 * gets a leading apostrophe. Numbers stay numbers. Dates are passed as text already formatted in
 * China time (no `Date` cells: Excel has no time zone and would show UTC wall-clock times).
 */
import { PassThrough, type Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import type { Context } from 'koa'

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export type XlsxCell = string | number | boolean | null | undefined

export interface XlsxColumn<T> {
  /** Chinese header */
  header: string
  value: (row: T) => XlsxCell
  /** width in characters (default from the header) */
  width?: number
  /** number format, e.g. '0.0' or '0.00%' */
  numFmt?: string
}

export interface XlsxSheet<T> {
  /** at most 31 characters; `[]:*?/\` are replaced */
  name: string
  columns: XlsxColumn<T>[]
  rows: Iterable<T> | AsyncIterable<T>
}

const FORMULA_START = /^[=+\-@\t\r\n]/

/** Text Excel could take for a formula gets a leading apostrophe. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

function cell(value: XlsxCell): string | number | boolean | null {
  if (value == null) return null
  if (typeof value === 'string') return neutralise(value)
  if (typeof value === 'number' && !Number.isFinite(value)) return null
  return value
}

export function sheetName(name: string): string {
  const clean = name.replace(/[[\]:*?/\\]/g, '_').trim()
  return (clean || 'Sheet').slice(0, 31)
}

/** Writes the workbook to a stream (ends it). */
export async function writeXlsx(sheets: Array<XlsxSheet<any>>, stream: Writable): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false })
  for (const s of sheets) {
    const ws = wb.addWorksheet(sheetName(s.name), { views: [{ state: 'frozen', ySplit: 1 }] })
    ws.columns = s.columns.map((c, i) => ({
      key: `c${i}`,
      header: neutralise(c.header),
      width: c.width ?? Math.max(10, [...c.header].length * 2 + 2),
      style: c.numFmt ? { numFmt: c.numFmt } : {},
    }))
    ws.getRow(1).font = { bold: true }
    ws.getRow(1).commit()
    for await (const row of s.rows as AsyncIterable<any>) {
      ws.addRow(s.columns.map((c) => cell(c.value(row)))).commit()
    }
    ws.commit()
  }
  await wb.commit()
}

/** The workbook as one buffer. */
export async function xlsxBuffer(sheets: Array<XlsxSheet<any>>): Promise<Buffer> {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (c: Buffer) => chunks.push(c))
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve)
    out.on('error', reject)
  })
  await writeXlsx(sheets, out)
  await ended
  return Buffer.concat(chunks)
}

/**
 * `attachment` with an ASCII fallback name and the real (Chinese) name as RFC 5987
 * `filename*=UTF-8''…`, which browsers and WeChat's downloadFile use.
 */
export function contentDisposition(filename: string, asciiFallback = 'export.xlsx'): string {
  const fallback = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_')
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`
}

/**
 * Builds the workbook and answers it as a download. The whole file is built before the first
 * byte is sent, so a failure still becomes a proper error response.
 */
export async function sendXlsx(ctx: Context, filename: string, sheets: Array<XlsxSheet<any>>, asciiFallback?: string): Promise<void> {
  const body = await xlsxBuffer(sheets)
  ctx.status = 200
  ctx.type = XLSX_MIME
  ctx.set('Content-Disposition', contentDisposition(filename, asciiFallback))
  ctx.set('Cache-Control', 'no-store')
  ctx.body = body
}
