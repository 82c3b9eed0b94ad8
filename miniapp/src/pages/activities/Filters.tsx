import { View } from '@tarojs/components'
import type { ActivityType, DirectoryOptions } from '@civic/shared'
import OptionPicker from '../../components/OptionPicker'
import { DATE_RANGE_OPTIONS, type DateRangeKey } from './dates'

export interface ListFilter {
  communityId?: number
  typeId?: number
  dates?: DateRangeKey
  /** `lat,lng` when 附近 is on */
  near?: string
}

interface Props {
  filter: ListFilter
  communities: DirectoryOptions['communities']
  types: ActivityType[]
  locating: boolean
  onChange: (f: ListFilter) => void
  onToggleNear: () => void
}

/** 社区 · 类型 · 日期 chips (bottom sheets) and the 附近 toggle. */
export default function Filters({ filter, communities, types, locating, onChange, onToggleNear }: Props) {
  return (
    <View className="filter-bar">
      <OptionPicker
        className="filter-community"
        variant="chip"
        title="社区"
        clearable
        options={communities.map((c) => ({ value: c.id, label: c.name }))}
        value={filter.communityId ?? null}
        onChange={(v) => onChange({ ...filter, communityId: v ?? undefined })}
      />
      <OptionPicker
        className="filter-type"
        variant="chip"
        title="类型"
        clearable
        options={types.map((t) => ({ value: t.id, label: t.name }))}
        value={filter.typeId ?? null}
        onChange={(v) => onChange({ ...filter, typeId: v ?? undefined })}
      />
      <OptionPicker
        className="filter-dates"
        variant="chip"
        title="日期"
        clearable
        options={DATE_RANGE_OPTIONS}
        value={filter.dates ?? null}
        onChange={(v) => onChange({ ...filter, dates: v ?? undefined })}
      />
      <View className={filter.near ? 'option-chip option-chip--on filter-near' : 'option-chip filter-near'} onClick={onToggleNear}>
        {locating ? '定位中…' : '附近'}
      </View>
    </View>
  )
}
