import { View } from '@tarojs/components'
import { Tag } from '@nutui/nutui-react-taro'
import type { MeUser } from '@civic/shared'

/** light chips on the red header */
const ON_RED = { className: 'chip', round: true, background: 'rgba(255, 255, 255, 0.2)', color: '#ffffff' } as const

/** 志愿者 always; 组织者 per unit/community; 文明办 for office staff. */
export default function RoleTags({ roles }: { roles: MeUser['roles'] }) {
  return (
    <View className="row role-tags">
      <Tag {...ON_RED}>志愿者</Tag>
      {roles.organiserOf.map((o) => (
        <Tag key={`${o.kind}-${o.id}`} {...ON_RED}>
          {`组织者 · ${o.name}`}
        </Tag>
      ))}
      {roles.office ? <Tag {...ON_RED}>文明办</Tag> : null}
    </View>
  )
}
