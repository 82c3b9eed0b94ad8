export default definePageConfig({ navigationBarTitleText: '组织者邀请码' })
