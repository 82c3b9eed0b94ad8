export default definePageConfig({ navigationBarTitleText: '签到结果' })
