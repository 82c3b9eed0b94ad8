import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Activity } from '@civic/shared'

type Place = Pick<Activity, 'title' | 'address' | 'latitude' | 'longitude'>

/**
 * 在地图中查看: WeChat's own map (Taro.openLocation, GCJ-02 like the stored coordinates); in H5 a
 * link to the same point on 高德地图.
 */
export default function MapLink({ place }: { place: Place }) {
  if (process.env.TARO_ENV === 'h5') {
    const href = `https://uri.amap.com/marker?position=${place.longitude},${place.latitude}&name=${encodeURIComponent(place.address)}&coordinate=gaode&callnative=1`
    return (
      <a className="map-link" href={href} target="_blank" rel="noreferrer">
        在地图中查看 ›
      </a>
    )
  }
  const open = () =>
    void Taro.openLocation({ latitude: place.latitude, longitude: place.longitude, name: place.title, address: place.address, scale: 16 })
  return (
    <View className="map-link" onClick={open}>
      在地图中查看 ›
    </View>
  )
}
