/** Builders and device fakes for the 随手拍 component tests (camera/album, uploads). */
import { act, fireEvent, waitFor } from '@testing-library/react'
import type { ReportEventView, ReportSummary, ReportView } from '@civic/shared'
import Taro from '@tarojs/taro'

export function summary(overrides: Partial<ReportSummary> = {}): ReportSummary {
  return {
    id: 11,
    status: 'submitted',
    category: { id: 1, name: '乱停乱放' },
    community: { id: 2, name: '东风社区' },
    description: '人行道上停满电动车，行人只能走机动车道',
    address: '东风路与建设路口东北角',
    latitude: 34.26,
    longitude: 108.94,
    unit: null,
    deadline: null,
    overdue: false,
    late: false,
    reporter: null,
    createdAt: '2026-11-20T01:30:00.000Z',
    rectifiedAt: null,
    closedAt: null,
    thumbnailUrl: '/api/files/a1.jpg?exp=1&sig=x',
    ...overrides,
  }
}

export function event(overrides: Partial<ReportEventView> = {}): ReportEventView {
  return {
    id: 1,
    kind: 'submitted',
    fromStatus: null,
    toStatus: 'submitted',
    actor: { role: 'reporter', name: null },
    note: null,
    unit: null,
    deadline: null,
    createdAt: '2026-11-20T01:30:00.000Z',
    ...overrides,
  }
}

export function reportView(overrides: Partial<ReportView> = {}): ReportView {
  const { thumbnailUrl: _t, ...base } = summary()
  return {
    ...base,
    instruction: null,
    duplicateOfId: null,
    reason: null,
    version: 1,
    photos: {
      before: [{ uploadId: 'up-before-1', url: '/api/files/b1.jpg?exp=1&sig=x', width: 800, height: 600, eventId: 1 }],
      after: [],
    },
    history: [event()],
    actions: [],
    ...overrides,
  }
}

export interface ChosenFile {
  path: string
  size?: number
}

/** Taro.chooseMedia answering with these files (camera or album alike). */
export function chooseMedia(...batches: ChosenFile[][]) {
  const spy = jest.spyOn(Taro, 'chooseMedia')
  for (const files of batches) {
    const result = {
      type: 'image',
      errMsg: 'chooseMedia:ok',
      tempFiles: files.map((f) => ({ tempFilePath: f.path, size: f.size ?? 200_000, fileType: 'image', duration: 0, height: 600, width: 800, thumbTempFilePath: '' })),
    } as unknown as Taro.chooseMedia.SuccessCallbackResult
    spy.mockImplementationOnce(((o: Taro.chooseMedia.Option) => {
      o.success?.(result)
      return Promise.resolve(result)
    }) as never)
  }
  return spy
}

export interface UploadCall {
  url: string
  filePath: string
  name: string
  auth: string | undefined
  /** report progress (0–100) to the page */
  progress: (percent: number) => void
  /** answer the upload */
  finish: (status: number, body: unknown) => void
}

/**
 * Replaces Taro.uploadFile with uploads the test drives: each call is recorded, its progress
 * reported and its answer given when the test says so.
 */
export function fakeUploads() {
  const calls: UploadCall[] = []
  const spy = jest.spyOn(Taro, 'uploadFile').mockImplementation(((opts: Taro.uploadFile.Option) => {
    const listeners: Array<(r: { progress: number; totalBytesSent: number; totalBytesExpectedToSend: number }) => void> = []
    let answer!: (r: Taro.uploadFile.SuccessCallbackResult) => void
    const p = new Promise<Taro.uploadFile.SuccessCallbackResult>((resolve) => (answer = resolve)) as Promise<Taro.uploadFile.SuccessCallbackResult> & {
      progress: (cb: (typeof listeners)[number]) => void
    }
    p.progress = (cb) => void listeners.push(cb)
    const header = (opts.header ?? {}) as Record<string, string>
    calls.push({
      url: opts.url,
      filePath: opts.filePath,
      name: opts.name,
      auth: header.Authorization,
      progress: (percent) => act(() => listeners.forEach((l) => l({ progress: percent, totalBytesSent: percent, totalBytesExpectedToSend: 100 }))),
      finish: (status, body) => answer({ statusCode: status, data: JSON.stringify(body), errMsg: 'uploadFile:ok' }),
    })
    return p
  }) as unknown as typeof Taro.uploadFile)
  return { calls, spy }
}

/** An upload's successful answer. */
export const uploaded = (uploadId: string) => ({ uploadId, mime: 'image/jpeg', size: 200_000, width: 800, height: 600 })

/** Types into the native <textarea> of a NutUI TextArea (rendered asynchronously by Taro). */
export async function typeArea(root: ParentNode, selector: string, value: string) {
  const el = await waitFor(() => {
    const t = root.querySelector<HTMLTextAreaElement>(`${selector} textarea`)
    if (!t) throw new Error(`no textarea inside ${selector}`)
    return t
  })
  fireEvent.input(el, { target: { value } })
}

export const posts = (calls: Array<{ method: string; path: string; body: unknown }>, path: string) =>
  calls.filter((c) => c.method === 'POST' && c.path === path)
