import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'

const sharedDir = path.resolve(__dirname, '../../shared')
/**
 * npm hoists React 19 to the workspace root (peer of some NutUI dependencies); the app runs React 18
 * from miniapp/node_modules. Pin every import of React, wherever it comes from, to that copy.
 */
const ownModules = path.resolve(__dirname, '../node_modules')
const platform = process.env.TARO_ENV ?? 'weapp'

/**
 * Where the API lives. H5 is served by the API itself (same origin, ''); the weapp needs an
 * absolute URL. Override with TARO_APP_API_BASE in the shell or in miniapp/.env.<mode>.
 */
const apiBase = process.env.TARO_APP_API_BASE ?? (platform === 'h5' ? '' : 'http://127.0.0.1:3000')

export default defineConfig<'webpack5'>(async () => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'civic-points',
    date: '2025-11-21',
    // NutUI is drawn for a 375 px design; our own styles for 750.
    designWidth(input) {
      const file = typeof input === 'object' && input?.file ? input.file.replace(/\\+/g, '/') : ''
      return file.includes('@nutui') ? 375 : 750
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${platform}`,
    plugins: [],
    defineConstants: {},
    env: { TARO_APP_API_BASE: JSON.stringify(apiBase) },
    alias: {
      '@civic/shared': path.resolve(sharedDir, 'src/index.ts'),
      react: path.join(ownModules, 'react'),
      '@tarojs/react': path.join(ownModules, '@tarojs/react'),
      '@tarojs/plugin-framework-react': path.join(ownModules, '@tarojs/plugin-framework-react'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: [sharedDir] },
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'browser' },
      webpackChain(chain) {
        chain.resolve.alias.set('react-dom', path.join(ownModules, 'react-dom'))
        // one page's JS is ~250 KiB (React DOM + Taro H5 runtime): expected, not worth a warning
        chain.performance.hints(false)
      },
      compile: { include: [sharedDir] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      imageUrlLoaderOption: { limit: 4096, name: 'static/images/[name].[contenthash:8].[ext]' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  }
  return config
})
