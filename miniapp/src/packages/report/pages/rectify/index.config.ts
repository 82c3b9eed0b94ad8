export default definePageConfig({ navigationBarTitleText: '提交整改' })
