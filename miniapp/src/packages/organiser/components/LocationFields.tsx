import { View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import FormRow from '../../../components/FormRow'
import { currentPosition } from '../../../services/location'

export interface Place {
  latitude: string
  longitude: string
}

interface Props extends Place {
  onChange: (p: Place & { address?: string }) => void
  errors: Record<string, string | undefined>
  /** fill empty fields with the device's position once, quietly (a new activity or schedule) */
  autoLocate?: boolean
}

const isWeapp = process.env.TARO_ENV === 'weapp'

/**
 * The site's coordinates (for check-in distance and the map): typed, the device's position, or
 * in WeChat picked on the map (which also offers the address).
 */
export default function LocationFields({ latitude, longitude, onChange, errors, autoLocate = false }: Props) {
  const [locating, setLocating] = useState(false)
  const typed = useRef(false)
  typed.current = latitude !== '' || longitude !== ''

  useEffect(() => {
    if (!autoLocate || typed.current) return
    let mounted = true
    currentPosition()
      // unless the organiser typed something meanwhile
      .then((p) => mounted && !typed.current && onChange({ latitude: String(p.latitude), longitude: String(p.longitude) }))
      .catch(() => undefined) // no position offered: the organiser types it or taps 使用当前位置
    return () => {
      mounted = false
    }
  }, []) // eslint-disable-line react-hooks/exhaustive-deps -- once, on opening the form

  const locate = async () => {
    setLocating(true)
    try {
      const p = await currentPosition()
      onChange({ latitude: String(p.latitude), longitude: String(p.longitude) })
    } catch {
      // declined or location off: the fields stay as typed
      void Taro.showToast({ title: '无法获取位置，请手动填写经纬度', icon: 'none', duration: 2500 })
    } finally {
      setLocating(false)
    }
  }

  const choose = async () => {
    try {
      const r = await Taro.chooseLocation({})
      onChange({ latitude: String(r.latitude), longitude: String(r.longitude), address: r.address || r.name || undefined })
    } catch {
      // the user closed the map
    }
  }

  return (
    <View className="location-fields">
      <FormRow label="纬度" required error={errors.latitude}>
        <Input className="latitude-input" type="digit" placeholder="例如 34.341568" value={latitude} onChange={(v) => onChange({ latitude: v, longitude })} />
      </FormRow>
      <FormRow label="经度" required error={errors.longitude}>
        <Input className="longitude-input" type="digit" placeholder="例如 108.939774" value={longitude} onChange={(v) => onChange({ latitude, longitude: v })} />
      </FormRow>
      <View className="location-actions">
        <Button size="small" fill="outline" type="primary" loading={locating} onClick={() => void locate()}>
          使用当前位置
        </Button>
        {isWeapp ? (
          <Button size="small" fill="outline" type="primary" onClick={() => void choose()}>
            在地图上选点
          </Button>
        ) : null}
      </View>
    </View>
  )
}
