import { ScrollView, View } from '@tarojs/components'
import { Cell, Input } from '@nutui/nutui-react-taro'
import { useMemo, useState } from 'react'
import type { Option } from '../../../../components/OptionPicker'

interface Props {
  options: ReadonlyArray<Option<number>>
  value: number | null
  onChange: (v: number) => void
  empty: string
  className?: string
}

const FILTER_FROM = 8

/** Options listed inline (inside a sheet, where another sheet would stack badly), with a filter for long lists. */
export default function ChoiceList({ options, value, onChange, empty, className }: Props) {
  const [filter, setFilter] = useState('')
  const shown = useMemo(() => {
    const f = filter.trim()
    return f ? options.filter((o) => o.label.includes(f)) : options
  }, [options, filter])
  return (
    <View className={className}>
      {options.length > FILTER_FROM ? (
        <View className="choice-filter">
          <Input placeholder="输入名称筛选" value={filter} onChange={setFilter} clearable />
        </View>
      ) : null}
      <ScrollView scrollY className="choice-list">
        {shown.map((o) => (
          <Cell
            key={o.value}
            className={o.value === value ? 'choice-option choice-option--active' : 'choice-option'}
            title={o.label}
            extra={o.value === value ? '已选' : undefined}
            clickable
            onClick={() => onChange(o.value)}
          />
        ))}
        {shown.length === 0 ? <View className="hint">{options.length ? '没有匹配的选项' : empty}</View> : null}
      </ScrollView>
    </View>
  )
}
