import { View } from '@tarojs/components'
import { Tag } from '@nutui/nutui-react-taro'
import type { MeUser } from '@civic/shared'

/** 志愿者 always; 组织者 per unit/community; 文明办 for office staff. */
export default function RoleTags({ roles }: { roles: MeUser['roles'] }) {
  return (
    <View className="row role-tags">
      <Tag type="primary" plain>
        志愿者
      </Tag>
      {roles.organiserOf.map((o) => (
        <Tag key={`${o.kind}-${o.id}`} type="warning" plain>
          {`组织者 · ${o.name}`}
        </Tag>
      ))}
      {roles.office ? <Tag type="danger">文明办</Tag> : null}
    </View>
  )
}
