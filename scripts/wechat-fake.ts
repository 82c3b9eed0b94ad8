/**
 * `npm run wechat:fake`: a local server speaking WeChat's server-API contract, for local
 * development with WeChat DevTools. Point the API at it:
 *   WECHAT_API_BASE=http://127.0.0.1:4010 WECHAT_APPID=wx-dev WECHAT_SECRET=dev-secret npm start
 * Login codes it never issued (real wx.login codes from DevTools) map to FAKE_WECHAT_OPENID
 * (default dev-openid); `invalid-code`, `rate-limited`, `high-risk`, `busy` answer WeChat's errors.
 */
import { startFakeWechat } from '../server/src/wechat/fake-server'

async function main() {
  const port = Number(process.env.FAKE_WECHAT_PORT ?? 4010)
  const fake = await startFakeWechat(
    {
      appid: process.env.WECHAT_APPID ?? 'wx-dev',
      secret: process.env.WECHAT_SECRET ?? 'dev-secret',
      fallbackOpenid: process.env.FAKE_WECHAT_OPENID ?? 'dev-openid',
    },
    port,
  )
  console.log(`fake WeChat API listening at ${fake.url}`)
  const stop = () => fake.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
