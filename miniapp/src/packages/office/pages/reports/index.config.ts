export default definePageConfig({ navigationBarTitleText: '随手拍受理', enablePullDownRefresh: true, onReachBottomDistance: 120 })
