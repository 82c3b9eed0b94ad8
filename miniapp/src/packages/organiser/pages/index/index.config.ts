export default definePageConfig({ navigationBarTitleText: '组织者' })
