import { Image, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { getPrintableCode, type PrintableCode as Code } from '../../services/printable'
import { errorMessage } from '../../../../utils/feedback'

type State = { kind: 'idle' } | { kind: 'busy' } | { kind: 'ready'; code: Code } | { kind: 'failed'; message: string }

const KIND_TEXT: Record<Code['kind'], string> = {
  wxacode: '活动签到小程序码：用微信扫一扫即可打开签到页面，可打印张贴在活动现场，长期有效。',
  qrcode:
    '未配置微信小程序参数，已改为普通二维码：请志愿者打开「文明积分」，点「扫码签到」扫描（微信扫一扫不能直接打开）。可打印张贴，长期有效。',
}

const isH5 = () => process.env.TARO_ENV === 'h5'

/** weapp: the full-screen preview, where a long press saves or sends the image for printing. */
function preview(src: string): void {
  void Promise.resolve()
    .then(() => Taro.previewImage({ urls: [src], current: src }))
    .catch(() => undefined)
}

/** H5: saves the blob as a PNG file. */
function saveFile(src: string, activityId: number): void {
  const a = document.createElement('a')
  a.href = src
  a.download = `签到码-${activityId}.png`
  document.body.appendChild(a)
  a.click()
  a.remove()
}

/** 打印小程序码: a code that does not rotate, to print and put up at the site. */
export default function PrintableCode({ activityId }: { activityId: number }) {
  const [state, setState] = useState<State>({ kind: 'idle' })
  const src = state.kind === 'ready' ? state.code.src : null

  // a blob: URL holds the image in memory until revoked
  useEffect(() => {
    if (!src || !src.startsWith('blob:')) return undefined
    return () => URL.revokeObjectURL(src)
  }, [src])

  const open = async () => {
    setState({ kind: 'busy' })
    try {
      const code = await getPrintableCode(activityId)
      setState({ kind: 'ready', code })
      if (!isH5()) preview(code.src)
    } catch (e) {
      setState({ kind: 'failed', message: errorMessage(e) })
    }
  }

  return (
    <View className="printable-code">
      <Button className="printable-open" fill="outline" block loading={state.kind === 'busy'} onClick={() => void open()}>
        打印小程序码
      </Button>
      {state.kind === 'failed' ? <View className="printable-error">{`没有取到可打印的码：${state.message}`}</View> : null}
      {state.kind === 'ready' ? (
        <View className={`printable-box printable-box--${state.code.kind}`}>
          <Image className="printable-image" src={state.code.src} mode="aspectFit" showMenuByLongpress />
          <View className="printable-kind">{KIND_TEXT[state.code.kind]}</View>
          <View className="printable-note">扫码后仍需在现场定位范围内签到、签退，照片转发到别处无法签到。</View>
          {isH5() ? (
            <Button className="printable-save" type="primary" block onClick={() => saveFile(state.code.src, activityId)}>
              下载图片
            </Button>
          ) : (
            <Button className="printable-preview" type="primary" block onClick={() => preview(state.code.src)}>
              预览并保存图片
            </Button>
          )}
        </View>
      ) : null}
    </View>
  )
}
