/// <reference types="@tarojs/taro" />

declare module '*.png' {
  const src: string
  export default src
}
declare module '*.css'

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    /** the platform being built */
    TARO_ENV: 'weapp' | 'h5'
    /** API origin: '' = same origin (H5); absolute URL for the weapp */
    TARO_APP_API_BASE?: string
  }
}
