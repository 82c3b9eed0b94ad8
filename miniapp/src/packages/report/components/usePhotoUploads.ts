import Taro from '@tarojs/taro'
import { UPLOAD_MAX_BYTES } from '@civic/shared'
import { useEffect, useRef, useState } from 'react'
import { errorMessage } from '../../../utils/feedback'
import { uploadPhoto } from '../services/reports'

export interface PhotoSlot {
  key: number
  /** the local file (weapp temp path, H5 blob: URL) */
  path: string
  /** 0–100 while uploading */
  progress: number
  uploadId?: string
  error?: string
}

export interface PhotoUploads {
  slots: PhotoSlot[]
  max: number
  /** why some chosen photos were not added (too many, too large) */
  notice?: string
  choose: () => Promise<void>
  remove: (key: number) => void
  retry: (key: number) => void
  uploadIds: string[]
  uploading: boolean
  failed: boolean
}

/**
 * Taro.chooseMedia through its callbacks: Taro's weapp layer does not promisify it (and H5 also
 * rejects the promise it returns when the dialog is closed: that one is dropped).
 */
function choosePhotos(count: number): Promise<Taro.chooseMedia.ChooseMedia[]> {
  return new Promise((resolve, reject) => {
    const returned: unknown = Taro.chooseMedia({
      count,
      mediaType: ['image'],
      sourceType: ['album', 'camera'],
      sizeType: ['compressed'],
      success: (r) => resolve(r.tempFiles),
      fail: reject,
    })
    Promise.resolve(returned).catch(() => undefined)
  })
}

/**
 * Photos chosen with Taro.chooseMedia (camera or album), each uploaded at once with its progress;
 * at most `max`, each at most 5 MB (the server checks the type and size again, from the bytes).
 */
export function usePhotoUploads(max: number, label: string): PhotoUploads {
  const [slots, setSlots] = useState<PhotoSlot[]>([])
  const [notice, setNotice] = useState<string>()
  const count = useRef(0)
  const nextKey = useRef(1)
  const alive = useRef(true)
  count.current = slots.length
  useEffect(
    () => () => {
      alive.current = false
    },
    [],
  )

  const patch = (key: number, p: Partial<PhotoSlot>) => {
    if (alive.current) setSlots((xs) => xs.map((s) => (s.key === key ? { ...s, ...p } : s)))
  }

  const start = async (slot: PhotoSlot) => {
    patch(slot.key, { progress: 0, error: undefined })
    try {
      const r = await uploadPhoto(slot.path, (progress) => patch(slot.key, { progress: Math.min(progress, 99) }))
      patch(slot.key, { uploadId: r.uploadId, progress: 100 })
    } catch (e) {
      patch(slot.key, { error: errorMessage(e) })
    }
  }

  const choose = async () => {
    const room = max - count.current
    if (room <= 0) {
      setNotice(`${label}最多 ${max} 张`)
      return
    }
    let files: Taro.chooseMedia.ChooseMedia[]
    try {
      files = await choosePhotos(room)
    } catch {
      return // closed without a photo
    }
    const problems: string[] = []
    let fitting = files.filter((f) => !(f.size > UPLOAD_MAX_BYTES))
    if (fitting.length < files.length) problems.push(`${files.length - fitting.length} 张照片超过 5 MB，未添加`)
    // the browser's file dialog ignores the count
    if (fitting.length > room) {
      problems.push(`${label}最多 ${max} 张，多选的 ${fitting.length - room} 张未添加`)
      fitting = fitting.slice(0, room)
    }
    setNotice(problems.length ? problems.join('；') : undefined)
    const added = fitting.map((f) => ({ key: nextKey.current++, path: f.tempFilePath, progress: 0 }))
    count.current += added.length
    setSlots((xs) => [...xs, ...added])
    for (const s of added) void start(s)
  }

  const remove = (key: number) => {
    setNotice(undefined)
    setSlots((xs) => xs.filter((s) => s.key !== key))
  }

  const retry = (key: number) => {
    const slot = slots.find((s) => s.key === key)
    if (slot) void start(slot)
  }

  return {
    slots,
    max,
    notice,
    choose,
    remove,
    retry,
    uploadIds: slots.flatMap((s) => (s.uploadId ? [s.uploadId] : [])),
    uploading: slots.some((s) => !s.uploadId && !s.error),
    failed: slots.some((s) => !!s.error),
  }
}

/** The message for photos that are not ready to send, or undefined. */
export function photosNotReady(p: PhotoUploads): string | undefined {
  if (p.uploading) return '照片还在上传，请稍候'
  if (p.failed) return '有照片上传失败，请点击重试或删除'
  return undefined
}
