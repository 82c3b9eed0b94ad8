import { Image, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ReportPhotoView } from '@civic/shared'
import { fileUrl } from '../services/reports'
import './report.css'

/** Stored photos (signed links); a tap opens the full-screen preview. */
export default function PhotoGrid({ photos, className }: { photos: ReportPhotoView[]; className?: string }) {
  const urls = photos.map((p) => fileUrl(p.url))
  return (
    <View className={className ? `photo-grid ${className}` : 'photo-grid'}>
      {urls.map((url) => (
        <View key={url} className="photo-tile">
          <Image className="photo-tile-image" src={url} mode="aspectFill" onClick={() => void Taro.previewImage({ urls, current: url })} />
        </View>
      ))}
    </View>
  )
}
