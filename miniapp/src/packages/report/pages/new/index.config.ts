export default definePageConfig({ navigationBarTitleText: '拍照上报' })
