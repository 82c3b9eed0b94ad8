import { View } from '@tarojs/components'

/** A form field's validation message (from the shared zod schemas or the API's details). */
export default function FieldError({ message }: { message?: string }) {
  if (!message) return null
  return (
    <View className="field-error" role="alert">
      {message}
    </View>
  )
}
