export default definePageConfig({ navigationBarTitleText: '我的报名', onReachBottomDistance: 120 })
