import { Image, View } from '@tarojs/components'
import FieldError from '../../../components/FieldError'
import type { PhotoUploads } from './usePhotoUploads'
import './report.css'

/** The chosen photos with their upload progress, a retry on failure, removal, and the add tile. */
export default function PhotoUploader({ photos, error, className }: { photos: PhotoUploads; error?: string; className?: string }) {
  const { slots, max } = photos
  return (
    <View className={className}>
      <View className="photo-grid">
        {slots.map((s) => (
          <View key={s.key} className="photo-tile">
            <Image className="photo-tile-image" src={s.path} mode="aspectFill" />
            {s.error ? (
              <View className="photo-tile-mask photo-tile-failed" onClick={() => photos.retry(s.key)}>
                <View>{s.error}</View>
                <View className="photo-tile-retry">点击重试</View>
              </View>
            ) : s.uploadId ? null : (
              <View className="photo-tile-mask photo-tile-uploading">
                <View>{`上传中 ${s.progress}%`}</View>
                <View className="photo-tile-bar">
                  <View className="photo-tile-bar-inner" style={{ width: `${s.progress}%` }} />
                </View>
              </View>
            )}
            <View className="photo-tile-remove" onClick={() => photos.remove(s.key)}>
              ×
            </View>
          </View>
        ))}
        {slots.length < max ? (
          <View className="photo-tile photo-add" onClick={() => void photos.choose()}>
            <View className="photo-add-plus">+</View>
            <View className="photo-add-text">{`拍照/相册 ${slots.length}/${max}`}</View>
          </View>
        ) : null}
      </View>
      {photos.notice ? <View className="hint photo-notice">{photos.notice}</View> : null}
      <FieldError message={error} />
    </View>
  )
}
