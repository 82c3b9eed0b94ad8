export default definePageConfig({ navigationBarTitleText: '组织者', onReachBottomDistance: 120 })
