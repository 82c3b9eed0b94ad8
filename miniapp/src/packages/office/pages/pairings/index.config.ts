export default definePageConfig({ navigationBarTitleText: '包联关系' })
