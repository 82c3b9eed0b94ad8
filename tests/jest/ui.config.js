const path = require('node:path')
const root = path.resolve(__dirname, '..', '..')
/** The mini-program's own React 18 (the workspace root hoists React 19 for other packages). */
const mini = path.join(root, 'miniapp', 'node_modules')

/**
 * Mini-program component tests: jsdom, babel (same NutUI per-component imports as the build),
 * @tarojs/taro through a shim over @tarojs/taro-h5, components from @tarojs/components/lib/react.
 */
module.exports = {
  displayName: 'ui',
  rootDir: root,
  testMatch: ['<rootDir>/tests/ui/**/*.test.ts?(x)'],
  testEnvironment: 'jsdom',
  transform: {
    '^.+\\.(t|j)sx?$|\\.mjs$': ['babel-jest', { configFile: path.join(__dirname, 'babel-ui.js') }],
  },
  // transform ESM from these packages, including whatever they nest in their own node_modules
  transformIgnorePatterns: [
    '^(?!.*/node_modules/(@tarojs|@stencil|@nutui|swiper|ssr-window|dom7|lodash-es|query-string|decode-uri-component|split-on-first|filter-obj|nanoid)/).*/node_modules/',
  ],
  moduleFileExtensions: ['tsx', 'ts', 'js', 'mjs', 'jsx', 'json'],
  moduleNameMapper: {
    '^@civic/shared$': '<rootDir>/shared/src/index.ts',
    '^@tarojs/taro$': '<rootDir>/tests/helpers/taro-shim.ts',
    '^@tarojs/components$': '@tarojs/components/lib/react',
    '^@tarojs/plugin-framework-react/(.*)$': `${mini}/@tarojs/plugin-framework-react/$1`,
    '^@nutui/nutui-react-taro/(.*)$': `${mini}/@nutui/nutui-react-taro/$1`,
    '^react$': `${mini}/react`,
    '^react/(.*)$': `${mini}/react/$1`,
    '^react-dom$': `${mini}/react-dom`,
    '^react-dom/(.*)$': `${mini}/react-dom/$1`,
    '\\.(css|scss)$': '<rootDir>/tests/helpers/style-stub.js',
    '\\.(png|jpe?g|gif|svg)$': '<rootDir>/tests/helpers/file-stub.js',
  },
  globals: {
    ENABLE_INNER_HTML: true,
    ENABLE_ADJACENT_HTML: true,
    ENABLE_SIZE_APIS: true,
    ENABLE_TEMPLATE_CONTENT: true,
    ENABLE_MUTATION_OBSERVER: true,
    ENABLE_CLONE_NODE: true,
    ENABLE_CONTAINS: true,
    DEPRECATED_ADAPTER_COMPONENT: false,
    __TARO_FRAMEWORK__: 'react',
  },
  setupFiles: ['<rootDir>/tests/helpers/ui-env.ts'],
}
