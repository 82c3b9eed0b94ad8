import { useCallback, useEffect, useRef, useState } from 'react'

export interface Page<T> {
  items: T[]
  total: number
}

export interface PagedList<T> {
  items: T[] | undefined
  total: number
  /** the first page (or a reload) is in flight */
  loading: boolean
  loadingMore: boolean
  error: unknown
  hasMore: boolean
  reload: () => Promise<void>
  loadMore: () => Promise<void>
}

/**
 * Loads page 1 on mount and whenever `deps` change (a new filter), appends the next page on
 * `loadMore()`. An answer that arrives after a newer request started is dropped.
 */
export function usePagedList<T>(load: (page: number) => Promise<Page<T>>, deps: ReadonlyArray<unknown>): PagedList<T> {
  const [items, setItems] = useState<T[]>()
  const [total, setTotal] = useState(0)
  const [page, setPage] = useState(1)
  const [loading, setLoading] = useState(true)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const latest = useRef(0)
  // `load` is usually an inline closure: `deps` say when it really changes
  const run = useCallback(load, deps) // eslint-disable-line react-hooks/exhaustive-deps

  const reload = useCallback(async () => {
    const ticket = ++latest.current
    setLoading(true)
    try {
      const first = await run(1)
      if (ticket !== latest.current) return
      setItems(first.items)
      setTotal(first.total)
      setPage(1)
      setError(null)
    } catch (e) {
      if (ticket === latest.current) setError(e)
    } finally {
      if (ticket === latest.current) setLoading(false)
    }
  }, [run])

  const hasMore = items !== undefined && items.length < total

  const loadMore = useCallback(async () => {
    if (!hasMore || loading || loadingMore) return
    const ticket = latest.current
    setLoadingMore(true)
    try {
      const next = await run(page + 1)
      if (ticket !== latest.current) return
      setItems((xs) => [...(xs ?? []), ...next.items])
      setTotal(next.total)
      setPage(page + 1)
    } catch (e) {
      if (ticket === latest.current) setError(e)
    } finally {
      setLoadingMore(false)
    }
  }, [run, page, hasMore, loading, loadingMore])

  useEffect(() => {
    void reload()
    return () => {
      latest.current++ // unmounted or refiltered: drop answers still on their way
    }
  }, [reload])

  return { items, total, loading, loadingMore, error, hasMore, reload, loadMore }
}
