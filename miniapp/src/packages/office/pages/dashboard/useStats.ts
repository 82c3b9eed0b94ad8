import { useCallback, useEffect, useRef, useState } from 'react'

export interface Stats<T> {
  data: T | undefined
  loading: boolean
  error: unknown
  reload: () => void
}

/**
 * Loads `load()` whenever `key` changes (a period, a grouping) and keeps the previous figures on
 * screen while the new ones load. An answer that arrives after a later request was made is
 * dropped, so quick period switches never show the figures of a period no longer chosen.
 * `load === null` loads nothing (a section the user may not see).
 */
export function useStats<T>(key: string, load: (() => Promise<T>) | null): Stats<T> {
  const [data, setData] = useState<T>()
  const [loading, setLoading] = useState(load !== null)
  const [error, setError] = useState<unknown>(null)
  const latest = useRef(0)
  const loadRef = useRef(load)
  loadRef.current = load
  const enabled = load !== null

  const run = useCallback(() => {
    const fn = loadRef.current
    if (!fn) return
    const ticket = ++latest.current
    setLoading(true)
    setError(null)
    fn().then(
      (value) => {
        if (ticket !== latest.current) return
        setData(value)
        setLoading(false)
      },
      (e: unknown) => {
        if (ticket !== latest.current) return
        setError(e)
        setLoading(false)
      },
    )
  }, [])

  useEffect(() => {
    if (enabled) run()
    return () => {
      // an unmounted section (or a superseded key) takes no late answers
      latest.current++
    }
  }, [key, enabled, run])

  return { data, loading, error, reload: run }
}
