export default definePageConfig({ navigationBarTitleText: '整改核验' })
