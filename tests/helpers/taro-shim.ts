/**
 * `@tarojs/taro` for jsdom tests: the H5 implementation (@tarojs/taro-h5) plus the React hooks
 * (useRouter, useDidShow …) from the React framework plugin, on one mutable default export so a
 * test can replace `Taro.request` & co. with jest.spyOn.
 */
import * as React from 'react'
import * as ReactDOM from 'react-dom'
import * as h5 from '@tarojs/taro-h5'
import * as hooks from '@tarojs/plugin-framework-react/dist/runtime'

hooks.createH5NativeComponentConfig(null, React, ReactDOM)

const h5Default = (h5 as unknown as { default?: object }).default ?? {}
const Taro = Object.assign({}, h5Default, h5, hooks) as typeof h5Default & typeof h5 & typeof hooks

export default Taro
export * from '@tarojs/taro-h5'
export {
  useDidHide,
  useDidShow,
  useLaunch,
  useLoad,
  useReady,
  useRouter,
  useUnload,
  usePullDownRefresh,
  useReachBottom,
} from '@tarojs/plugin-framework-react/dist/runtime'
