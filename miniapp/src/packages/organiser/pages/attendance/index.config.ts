export default definePageConfig({ navigationBarTitleText: '签到记录' })
