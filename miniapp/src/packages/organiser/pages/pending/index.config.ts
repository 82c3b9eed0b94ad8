export default definePageConfig({ navigationBarTitleText: '待审核的补录' })
