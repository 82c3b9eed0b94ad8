import { ScrollView, View } from '@tarojs/components'
import type { StreetDuty, StreetDutyCell } from '@civic/shared'
import ExportButton from './ExportButton'
import { percent, shortDate } from './format'
import type { Period } from './period'
import SectionState from './SectionState'
import { getStreetDuty } from './service'
import { useStats } from './useStats'

/**
 * Weeks the grid shows (the most recent ones; the Excel export has them all). A phone cannot show
 * a year of weeks for a hundred units; a desktop browser can.
 */
export const GRID_WEEKS = process.env.TARO_ENV === 'h5' ? 53 : 13

/** a scroll offset past any grid's width (clamped to the end) */
const LATEST = 100_000

export function cellState(c: StreetDutyCell): 'met' | 'missed' | 'none' {
  return c.met === true ? 'met' : c.met === false ? 'missed' : 'none'
}

function cellText(c: StreetDutyCell): string {
  return c.met === null ? '—' : `${c.onDuty}/${c.required}`
}

function MissedLatest({ data }: { data: StreetDuty }) {
  const week = data.latestWeek
  if (!week) return <View className="dash-missed dash-missed--none">本时段内还没有结束的完整一周。</View>
  const title = `${week.week.replace(/^\d{4}-W/, '第')}周（${shortDate(week.monday)} 起）`
  const required = data.units.some((u) => u.weeks.some((c) => c.week === week.week && c.met !== null))
  if (!required) return <View className="dash-missed dash-missed--none">{`${title}：没有单位有上街人数要求`}</View>
  if (data.missedLatestWeek.length === 0) {
    return <View className="dash-missed dash-missed--ok">{`${title}：全部达标`}</View>
  }
  return (
    <View className="dash-missed">
      <View className="dash-missed-title">{`${title}未达标 ${data.missedLatestWeek.length} 个单位`}</View>
      {data.missedLatestWeek.map((u) => (
        <View key={u.id} className="dash-missed-unit">
          <View>{u.name}</View>
          <View className="dash-missed-count">{`到岗 ${u.onDuty} / 应到 ${u.required}`}</View>
        </View>
      ))}
    </View>
  )
}

/** 周上街: units × weeks (staff on duty / required; red where missed), compliance, latest week. */
export default function StreetDutySection({ period }: { period: Period }) {
  const stats = useStats<StreetDuty>(`${period.from}|${period.to}`, () => getStreetDuty(period))
  const data = stats.data
  const weeks = data ? data.weeks.slice(-GRID_WEEKS) : []
  const skipped = data ? data.weeks.length - weeks.length : 0
  return (
    <View className="dash-card dash-duty">
      <View className="dash-card-head">
        <View className="dash-card-title">周上街达标</View>
        <ExportButton spec={{ kind: 'street-duty', period }} />
      </View>
      <SectionState stats={stats} hasData={!!data} isEmpty={data?.units.length === 0} emptyText="没有可显示的单位">
        {data ? (
          <View>
            <MissedLatest data={data} />
            <View className="dash-duty-table">
              {/* names and compliance stay put; the weeks scroll, opening on the latest ones */}
              <View className="dash-duty-fixed">
                <View className="dash-grid-row dash-grid-head">
                  <View className="dash-grid-name">单位</View>
                  <View className="dash-grid-rate">达标率</View>
                </View>
                {data.units.map((u) => (
                  <View key={u.id} className="dash-grid-row dash-duty-name">
                    <View className="dash-grid-name">{u.name}</View>
                    <View className="dash-grid-rate">{percent(u.compliance)}</View>
                  </View>
                ))}
              </View>
              <ScrollView scrollX scrollLeft={LATEST} className="dash-duty-scroll">
                <View className="dash-grid">
                  <View className="dash-grid-row dash-grid-head">
                    {weeks.map((w) => (
                      <View key={w.week} className="dash-grid-cell">
                        {shortDate(w.monday)}
                      </View>
                    ))}
                  </View>
                  {data.units.map((u) => (
                    <View key={u.id} className="dash-grid-row dash-duty-unit" data-unit={u.name}>
                      {u.weeks.slice(-GRID_WEEKS).map((c) => (
                        <View key={c.week} className={`dash-grid-cell duty-cell duty-cell--${cellState(c)}`} data-week={c.week}>
                          {cellText(c)}
                        </View>
                      ))}
                    </View>
                  ))}
                </View>
              </ScrollView>
            </View>
            <View className="dash-note">
              {`格内为到岗人数/应到人数，红色为未达标，“—”为当周无上街安排。${skipped > 0 ? `仅显示最近 ${weeks.length} 周，完整数据请导出 Excel。` : ''}`}
            </View>
          </View>
        ) : null}
      </SectionState>
    </View>
  )
}
