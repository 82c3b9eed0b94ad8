import { View } from '@tarojs/components'
import { Button, Cell, Input, Tag } from '@nutui/nutui-react-taro'
import type { DemoUser } from '@civic/shared'
import { useState } from 'react'
import EmptyState from '../../components/EmptyState'
import PageLoading from '../../components/PageLoading'
import { useRemote } from '../../hooks/useRemote'
import { listDemoUsers } from '../../services/auth'
import { errorMessage } from '../../utils/feedback'

interface Props {
  busy: boolean
  onLogin: (openid: string) => void
}

/** H5 only: pick a seeded demo identity, or type any openid (a new one creates a user). */
export default function DemoLogin({ busy, onLogin }: Props) {
  const demo = useRemote<DemoUser[]>(listDemoUsers)
  const [openid, setOpenid] = useState('')
  const typed = openid.trim()

  return (
    <View>
      <View className="section-title">演示登录</View>
      <View className="hint">演示环境：选择一个演示身份登录，或输入任意 openid 以新用户身份登录。</View>
      {demo.loading && !demo.data ? <PageLoading rows={3} /> : null}
      {demo.error ? <EmptyState title="无法获取演示账号" description={errorMessage(demo.error)} /> : null}
      {demo.data && demo.data.length === 0 ? <EmptyState title="暂无演示账号" description="服务器尚未导入演示数据" /> : null}
      {demo.data?.length ? (
        <Cell.Group>
          {demo.data.map((u) => (
            <Cell
              key={u.openid}
              className="demo-user"
              clickable
              title={u.label}
              description={
                <View className="row">
                  {u.roles.map((r) => (
                    <Tag key={r} className="chip" round background="#fff1f0" color="#c8102e">
                      {r}
                    </Tag>
                  ))}
                </View>
              }
              extra="登录"
              onClick={() => !busy && onLogin(u.openid)}
            />
          ))}
        </Cell.Group>
      ) : null}
      <View className="section-title">使用 openid 登录</View>
      <Cell>
        <Input
          className="openid-input"
          placeholder="输入 openid，例如 demo-volunteer-1"
          value={openid}
          maxLength={64}
          onChange={setOpenid}
        />
      </Cell>
      <View className="actions">
        <Button className="openid-login" type="primary" block disabled={busy || typed === ''} loading={busy} onClick={() => onLogin(typed)}>
          登录
        </Button>
      </View>
    </View>
  )
}
