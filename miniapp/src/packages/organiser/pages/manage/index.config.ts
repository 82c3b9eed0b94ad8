export default definePageConfig({ navigationBarTitleText: '管理活动' })
