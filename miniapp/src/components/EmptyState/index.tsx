import { Image } from '@tarojs/components'
import { Empty } from '@nutui/nutui-react-taro'
import type { ReactNode } from 'react'
import emptyImage from '../../assets/empty.png'

interface Props {
  title: string
  description?: ReactNode
  children?: ReactNode
}

/** NutUI Empty with a bundled picture (its default image is fetched from a remote host). */
export default function EmptyState({ title, description, children }: Props) {
  return (
    <Empty
      image={<Image src={emptyImage} style={{ width: '80px', height: '80px' }} />}
      title={title}
      description={description}
    >
      {children}
    </Empty>
  )
}
