export default definePageConfig({ navigationBarTitleText: '文明办管理' })
