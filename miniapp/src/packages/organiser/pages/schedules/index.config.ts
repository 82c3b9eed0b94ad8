export default definePageConfig({ navigationBarTitleText: '周上街安排' })
