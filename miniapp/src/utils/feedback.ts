import Taro from '@tarojs/taro'
import { ApiError } from '../services/api'

/** The message to show for a failed action: the API's Chinese message, or a generic one. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message
  return '操作失败，请稍后再试'
}

export function toastError(e: unknown): void {
  void Taro.showToast({ title: errorMessage(e), icon: 'none', duration: 2500 })
}

export function toastSuccess(title: string): void {
  void Taro.showToast({ title, icon: 'success', duration: 1500 })
}
