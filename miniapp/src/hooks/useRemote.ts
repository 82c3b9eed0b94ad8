import { useCallback, useEffect, useRef, useState } from 'react'

export interface Remote<T> {
  data: T | undefined
  loading: boolean
  error: unknown
  reload: () => Promise<void>
  setData: (data: T) => void
}

/** Loads `load()` on mount and on `reload()`; keeps the last data while reloading. */
export function useRemote<T>(load: () => Promise<T>, deps: ReadonlyArray<unknown> = []): Remote<T> {
  const [data, setData] = useState<T>()
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<unknown>(null)
  const alive = useRef(true)
  // `load` is usually an inline closure: `deps` say when it really changes
  const run = useCallback(() => load(), deps) // eslint-disable-line react-hooks/exhaustive-deps

  const reload = useCallback(async () => {
    setLoading(true)
    try {
      const value = await run()
      if (!alive.current) return
      setData(value)
      setError(null)
    } catch (e) {
      if (alive.current) setError(e)
    } finally {
      if (alive.current) setLoading(false)
    }
  }, [run])

  useEffect(() => {
    alive.current = true
    void reload()
    return () => {
      alive.current = false
    }
  }, [reload])

  return { data, loading, error, reload, setData }
}
