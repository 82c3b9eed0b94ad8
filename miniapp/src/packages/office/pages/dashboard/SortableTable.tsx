import { ScrollView, View } from '@tarojs/components'
import { useMemo, useState } from 'react'

export interface Column<R> {
  key: string
  title: string
  /** what the column sorts by; null sorts last either way */
  value: (row: R) => number | string | null
  /** what the cell shows (default: the value, null as —) */
  text?: (row: R) => string
  /** text columns sort A→Z first, numbers largest first */
  numeric?: boolean
}

export interface Sort {
  key: string
  dir: 'asc' | 'desc'
}

interface Props<R> {
  columns: ReadonlyArray<Column<R>>
  rows: readonly R[]
  rowKey: (row: R) => string | number
  /** the last row (totals), not sorted */
  footer?: ReadonlyArray<string>
  /** rows shown before 显示全部 */
  pageSize?: number
  className?: string
}

const collator = (a: string, b: string) => a.localeCompare(b, 'zh-CN')

/** Rows ordered by a column: nulls always last, ties by the first column (the name). */
export function sortRows<R>(rows: readonly R[], columns: ReadonlyArray<Column<R>>, sort: Sort | null): R[] {
  if (!sort) return [...rows]
  const col = columns.find((c) => c.key === sort.key)
  if (!col) return [...rows]
  const name = columns[0]
  const sign = sort.dir === 'asc' ? 1 : -1
  return [...rows].sort((x, y) => {
    const a = col.value(x)
    const b = col.value(y)
    if (a == null || b == null) {
      if (a == null && b == null) return collator(String(name.value(x)), String(name.value(y)))
      return a == null ? 1 : -1
    }
    const c = typeof a === 'number' && typeof b === 'number' ? a - b : collator(String(a), String(b))
    return c !== 0 ? sign * c : collator(String(name.value(x)), String(name.value(y)))
  })
}

function cellText<R>(col: Column<R>, row: R): string {
  if (col.text) return col.text(row)
  const v = col.value(row)
  return v == null ? '—' : String(v)
}

/**
 * A table of figures (views, not <table>: the weapp has none). Tapping a header sorts by that
 * column; tapping it again reverses the order.
 */
export default function SortableTable<R>({ columns, rows, rowKey, footer, pageSize = 20, className }: Props<R>) {
  const [sort, setSort] = useState<Sort | null>(null)
  const [all, setAll] = useState(false)
  const sorted = useMemo(() => sortRows(rows, columns, sort), [rows, columns, sort])
  const shown = all ? sorted : sorted.slice(0, pageSize)

  const tap = (col: Column<R>) =>
    setSort((s) =>
      s?.key === col.key ? { key: col.key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key: col.key, dir: col.numeric ? 'desc' : 'asc' },
    )

  return (
    <View className={`dash-table-wrap ${className ?? ''}`}>
      <ScrollView scrollX className="dash-table-scroll">
        <View className="dash-table">
          <View className="dash-tr dash-thead">
            {columns.map((c) => {
              const on = sort?.key === c.key
              return (
                <View
                  key={c.key}
                  className={`dash-th dash-col-${c.key}${c.numeric ? ' dash-num' : ''}${on ? ' dash-th--sorted' : ''}`}
                  data-sort={on ? sort.dir : undefined}
                  onClick={() => tap(c)}
                >
                  {`${c.title}${on ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}`}
                </View>
              )
            })}
          </View>
          {shown.map((r) => (
            <View key={rowKey(r)} className="dash-tr">
              {columns.map((c) => (
                <View key={c.key} className={`dash-td dash-col-${c.key}${c.numeric ? ' dash-num' : ''}`}>
                  {cellText(c, r)}
                </View>
              ))}
            </View>
          ))}
          {footer ? (
            <View className="dash-tr dash-tfoot">
              {columns.map((c, i) => (
                <View key={c.key} className={`dash-td dash-col-${c.key}${c.numeric ? ' dash-num' : ''}`}>
                  {footer[i] ?? ''}
                </View>
              ))}
            </View>
          ) : null}
        </View>
      </ScrollView>
      {sorted.length > pageSize ? (
        <View className="dash-more" onClick={() => setAll((v) => !v)}>
          {all ? '收起' : `显示全部 ${sorted.length} 行`}
        </View>
      ) : null}
    </View>
  )
}
