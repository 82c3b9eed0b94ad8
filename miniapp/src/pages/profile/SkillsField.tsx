import { View } from '@tarojs/components'
import { Button, Input, Tag } from '@nutui/nutui-react-taro'
import { SKILL_MAX } from '@civic/shared'
import { useState } from 'react'
import FieldError from '../../components/FieldError'

interface Props {
  skills: string[]
  onChange: (skills: string[]) => void
  error?: string
}

/** 特长: free-text tags, added one by one, removable. */
export default function SkillsField({ skills, onChange, error }: Props) {
  const [text, setText] = useState('')
  const add = () => {
    const skill = text.trim()
    if (skill === '' || skills.includes(skill) || skills.length >= SKILL_MAX) return
    onChange([...skills, skill])
    setText('')
  }
  return (
    <View className="skills-field">
      <View className="section-title">{`特长（选填，最多 ${SKILL_MAX} 项）`}</View>
      <View className="skills-input">
        <Input className="skills-text" placeholder="例如：急救、摄影、英语" value={text} maxLength={20} onChange={setText} />
        <Button size="small" type="primary" fill="outline" disabled={text.trim() === ''} onClick={add}>
          添加
        </Button>
      </View>
      <View className="row skills-tags">
        {skills.map((s) => (
          <Tag key={s} className="chip" round background="#fff1f0" color="#c8102e" closeable onClose={() => onChange(skills.filter((x) => x !== s))}>
            {s}
          </Tag>
        ))}
      </View>
      <FieldError message={error} />
    </View>
  )
}
