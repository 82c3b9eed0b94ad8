// babel-preset-taro: https://docs.taro.zone/docs/next/babel-config
// babel-plugin-import rewrites `import { Button } from '@nutui/nutui-react-taro'` to the component's own
// module and its own CSS, so a page only pays for the NutUI components it uses.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
  plugins: [
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        customName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`,
        style: 'css',
        camel2DashComponentName: false,
      },
      'nutui-react-taro',
    ],
  ],
}
