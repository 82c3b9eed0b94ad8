import { View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import FormRow from '../../../components/FormRow'
import { currentPosition, type Position } from '../../../services/location'

export interface Place {
  position: Position | null
  address: string
}

interface Props {
  value: Place
  onChange: (update: (p: Place) => Place) => void
  errors: { position?: string; address?: string }
}

const isWeapp = process.env.TARO_ENV === 'weapp'

/**
 * Where the problem is: the device's position (taken once, quietly, on opening), or in WeChat
 * picked on the map (which also names the place); the address is typed or taken from the map.
 */
export default function PlaceField({ value, onChange, errors }: Props) {
  const [locating, setLocating] = useState(false)
  const chosen = useRef(false)
  chosen.current = value.position !== null

  const locate = async (quiet: boolean) => {
    setLocating(true)
    try {
      const p = await currentPosition()
      if (!quiet || !chosen.current) onChange((v) => ({ ...v, position: p }))
    } catch {
      if (!quiet) void Taro.showToast({ title: '无法获取你的位置，请允许使用位置信息或在地图上选点', icon: 'none', duration: 2500 })
    } finally {
      setLocating(false)
    }
  }

  useEffect(() => {
    void locate(true)
  }, []) // eslint-disable-line react-hooks/exhaustive-deps -- once, on opening the form

  const choose = async () => {
    try {
      const r = await Taro.chooseLocation({})
      const address = r.name || r.address
      onChange((v) => ({ position: { latitude: r.latitude, longitude: r.longitude }, address: address || v.address }))
    } catch {
      // the map was closed
    }
  }

  const p = value.position
  return (
    <View className="place-field">
      <FormRow label="定位" required error={errors.position}>
        <View className={p ? 'place-position' : 'place-position place-position--none'}>
          {locating ? '正在定位…' : p ? `已定位（${p.latitude.toFixed(5)}, ${p.longitude.toFixed(5)}）` : '尚未定位'}
        </View>
      </FormRow>
      <View className="place-actions">
        <Button className="place-locate" size="small" fill="outline" type="primary" loading={locating} onClick={() => void locate(false)}>
          使用当前位置
        </Button>
        {isWeapp ? (
          <Button className="place-choose" size="small" fill="outline" type="primary" onClick={() => void choose()}>
            在地图上选点
          </Button>
        ) : null}
      </View>
      <FormRow label="具体位置" required error={errors.address}>
        <Input
          className="address-input"
          placeholder="例如：南关十字东北角公交站旁"
          value={value.address}
          maxLength={100}
          onChange={(address) => onChange((v) => ({ ...v, address }))}
        />
      </FormRow>
    </View>
  )
}
