import Taro from '@tarojs/taro'

export interface Position {
  latitude: number
  longitude: number
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6

/**
 * The device's position. WeChat answers in GCJ-02, the system its maps (and Taro.openLocation)
 * use; a browser only offers WGS-84, a few hundred metres off in China: good enough for 附近.
 */
export async function currentPosition(): Promise<Position> {
  const type = process.env.TARO_ENV === 'weapp' ? 'gcj02' : 'wgs84'
  const r = await Taro.getLocation({ type })
  return { latitude: round6(r.latitude), longitude: round6(r.longitude) }
}
