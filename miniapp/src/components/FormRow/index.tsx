import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import FieldError from '../FieldError'
import './index.css'

interface Props {
  label: string
  error?: string
  required?: boolean
  children: ReactNode
}

/** One labelled form field with its validation message underneath. */
export default function FormRow({ label, error, required = false, children }: Props) {
  return (
    <View className={error ? 'form-row form-row--error' : 'form-row'}>
      <View className="form-row-main">
        <View className="form-row-label">
          {required ? <View className="form-row-required">*</View> : null}
          {label}
        </View>
        <View className="form-row-control">{children}</View>
      </View>
      <FieldError message={error} />
    </View>
  )
}
