import { ScrollView, View } from '@tarojs/components'
import { Cell, Input, Popup } from '@nutui/nutui-react-taro'
import { useMemo, useState } from 'react'
import '../FormRow/index.css'
import './index.css'

export interface Option<V extends string | number> {
  value: V
  label: string
}

interface Props<V extends string | number> {
  /** the field's name, e.g. 所在社区 */
  title: string
  options: ReadonlyArray<Option<V>>
  value: V | null
  onChange: (value: V | null) => void
  placeholder?: string
  /** adds a 不选择 entry that clears the value */
  clearable?: boolean
  className?: string
  /** `chip`: a compact filter chip (showing the choice, or the title) instead of a form row */
  variant?: 'row' | 'chip'
}

const FILTER_FROM = 8
/** H5: the sheet goes to <body>; inside a tab page it would sit under Taro's H5 tab bar. */
const sheetContainer = process.env.TARO_ENV === 'h5' ? () => document.body : undefined

/**
 * A field that opens a bottom sheet listing the options (with a filter for long lists): a
 * city has hundreds of communities, too many for a picker wheel.
 */
export default function OptionPicker<V extends string | number>(props: Props<V>) {
  const { title, options, value, onChange, placeholder = '请选择', clearable = false, className, variant = 'row' } = props
  const [open, setOpen] = useState(false)
  const [filter, setFilter] = useState('')
  const selected = options.find((o) => o.value === value)
  const shown = useMemo(() => {
    const f = filter.trim()
    return f ? options.filter((o) => o.label.includes(f)) : options
  }, [options, filter])

  const pick = (v: V | null) => {
    onChange(v)
    setOpen(false)
    setFilter('')
  }

  return (
    <View className={className}>
      {variant === 'chip' ? (
        <View className={selected ? 'option-chip option-chip--on' : 'option-chip'} onClick={() => setOpen(true)}>
          {`${selected?.label ?? title} ▾`}
        </View>
      ) : (
        <View className="form-row option-picker-field" onClick={() => setOpen(true)}>
          <View className="form-row-main">
            <View className="form-row-label">{title}</View>
            <View className={selected ? 'form-row-control option-picker-value' : 'form-row-control option-picker-placeholder'}>
              {selected?.label ?? placeholder}
            </View>
            <View className="option-picker-arrow">›</View>
          </View>
        </View>
      )}
      <Popup
        visible={open}
        position="bottom"
        round
        closeable
        destroyOnClose
        portal={sheetContainer}
        title={title}
        onClose={() => setOpen(false)}
      >
        <View className="option-picker-sheet">
          {options.length > FILTER_FROM ? (
            <View className="option-picker-filter">
              <Input placeholder="输入名称筛选" value={filter} onChange={setFilter} clearable />
            </View>
          ) : null}
          <ScrollView scrollY className="option-picker-list">
            {clearable ? <Cell className="option-picker-option" title="不选择" clickable onClick={() => pick(null)} /> : null}
            {shown.map((o) => (
              <Cell
                key={String(o.value)}
                className={o.value === value ? 'option-picker-option option-picker-option--active' : 'option-picker-option'}
                title={o.label}
                extra={o.value === value ? '已选' : undefined}
                clickable
                onClick={() => pick(o.value)}
              />
            ))}
            {shown.length === 0 ? <View className="hint">没有匹配的选项</View> : null}
          </ScrollView>
        </View>
      </Popup>
    </View>
  )
}
