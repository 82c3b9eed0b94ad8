import { useDidShow } from '@tarojs/taro'
import { useRef } from 'react'

/** Calls `reload` whenever the page is shown again (not on its first show: the mount loads). */
export function useReloadOnShow(reload: () => unknown): void {
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void reload()
    shown.current = true
  })
}
