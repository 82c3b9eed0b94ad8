import Taro from '@tarojs/taro'
import type { MeUser } from '@civic/shared'
import { ROUTES } from './routes'

/** After a login: an incomplete profile goes to the form first, everyone else to the tabs. */
export function enterApp(user: MeUser): void {
  if (!user.profileComplete) {
    void Taro.redirectTo({ url: `${ROUTES.profile}?first=1` })
    return
  }
  void Taro.switchTab({ url: ROUTES.activities })
}
