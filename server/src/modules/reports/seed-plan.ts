/** The demo 随手拍 reports, as data: who reported what where, and the steps each went through. */

export type Kind = 'submitted' | 'rejected' | 'marked_duplicate' | 'assigned' | 'accepted' | 'rectified' | 'sent_back' | 'closed'

/** a step `day` days from today (negative: before) at a China wall-clock time */
export interface Step {
  kind: Kind
  day: number
  time: string
  note?: string
  /** assigned / sent back: the deadline as days from today (default: the category's days from the step) */
  dueDay?: number
}

export interface DemoReport {
  key: string
  reporter: string
  category: string
  description: string
  spot: string
  /** a community by name, or the n-th community the unit serves (包联) */
  community: string | { servedBy: string; n: number }
  unit?: string
  duplicateOf?: string
  photos?: number
  steps: Step[]
}

const EDU = '区教育局' // the demo organiser's unit
const CITY = '区城管局'

export const PLAN: DemoReport[] = [
  {
    key: 'litter-south-gate',
    reporter: 'demo-volunteer-1',
    category: '垃圾堆放',
    description: '小区南门垃圾桶满溢，周边散落生活垃圾，气味很大',
    spot: '小区南门',
    community: '东风社区',
    photos: 2,
    steps: [{ kind: 'submitted', day: -1, time: '08:40' }],
  },
  {
    key: 'bikes-bus-stop',
    reporter: 'demo-volunteer-2',
    category: '乱停乱放',
    description: '公交站台旁共享单车堆满人行道，行人只能走机动车道',
    spot: '公交站台',
    community: '幸福里社区',
    steps: [{ kind: 'submitted', day: -1, time: '07:55' }],
  },
  {
    key: 'street-light',
    reporter: 'demo-volunteer-5',
    category: '设施损坏',
    description: '村口路灯不亮已经一周，晚上出行不安全',
    spot: '文化活动室',
    community: '光明村',
    steps: [{ kind: 'submitted', day: -2, time: '21:10' }],
  },
  {
    key: 'smoking-stairwell',
    reporter: 'demo-volunteer-4',
    category: '其他',
    description: '楼道里经常有人吸烟，烟头乱扔',
    spot: '小区南门',
    community: '和平社区',
    steps: [
      { kind: 'submitted', day: -3, time: '19:20' },
      { kind: 'rejected', day: -2, time: '09:10', note: '楼道内吸烟属物业管理事项，已转告社区物业处理' },
    ],
  },
  {
    key: 'bikes-bus-stop-again',
    reporter: 'demo-volunteer-6',
    category: '乱停乱放',
    description: '站台边单车乱停，挡住了盲道',
    spot: '公交站台',
    community: '幸福里社区',
    duplicateOf: 'bikes-bus-stop',
    steps: [
      { kind: 'submitted', day: -1, time: '08:05' },
      { kind: 'marked_duplicate', day: -1, time: '09:30', note: '与同一地点的上报重复' },
    ],
  },
  {
    key: 'stalls-market',
    reporter: 'demo-volunteer-1',
    category: '占道经营',
    description: '农贸市场门口商贩占道摆摊，早高峰车辆和行人通行困难',
    spot: '农贸市场门口',
    community: { servedBy: EDU, n: 0 },
    unit: EDU,
    steps: [
      { kind: 'submitted', day: -1, time: '10:00' },
      { kind: 'assigned', day: -1, time: '15:00', note: '请联系市场管理方，劝导商贩入场经营' },
    ],
  },
  {
    key: 'rubble-square',
    reporter: 'demo-volunteer-2',
    category: '垃圾堆放',
    description: '中心广场绿化带内堆放建筑垃圾，已有好几天',
    spot: '中心广场',
    community: { servedBy: EDU, n: 1 },
    unit: EDU,
    steps: [
      { kind: 'submitted', day: -6, time: '09:00' },
      { kind: 'assigned', day: -5, time: '10:30', note: '请清运建筑垃圾并查明来源' },
    ],
  },
  {
    key: 'broken-steps',
    reporter: 'demo-volunteer-3',
    category: '设施损坏',
    description: '文化活动室门口台阶破损，老人进出容易绊倒',
    spot: '文化活动室',
    community: { servedBy: EDU, n: 0 },
    unit: EDU,
    steps: [
      { kind: 'submitted', day: -7, time: '16:20' },
      { kind: 'assigned', day: -6, time: '09:00', note: '请修复台阶，修复前设置警示标志' },
      { kind: 'accepted', day: -5, time: '08:50' },
    ],
  },
  {
    key: 'cars-on-pavement',
    reporter: 'demo-volunteer-4',
    category: '乱停乱放',
    description: '小区南门外机动车长期占用人行道停放',
    spot: '小区南门',
    community: { servedBy: EDU, n: 1 },
    unit: EDU,
    steps: [
      { kind: 'submitted', day: -2, time: '08:00' },
      { kind: 'assigned', day: -2, time: '11:00', note: '请联系交警和物业，施划停车位并劝离' },
      { kind: 'accepted', day: -2, time: '14:00' },
      { kind: 'rectified', day: -1, time: '16:30', note: '已劝离占道车辆，物业已设置隔离桩' },
    ],
  },
  {
    key: 'posters-bus-stop',
    reporter: 'demo-volunteer-1',
    category: '不文明行为',
    description: '公交站台立柱上贴满小广告',
    spot: '公交站台',
    community: { servedBy: EDU, n: 0 },
    unit: EDU,
    steps: [
      { kind: 'submitted', day: -9, time: '12:15' },
      { kind: 'assigned', day: -9, time: '15:40', note: '请清理小广告' },
      { kind: 'accepted', day: -8, time: '09:00' },
      { kind: 'rectified', day: -7, time: '17:20', note: '已组织志愿者清理完毕' },
      { kind: 'closed', day: -6, time: '10:00', note: '整改到位' },
    ],
  },
  {
    key: 'stalls-night',
    reporter: 'demo-volunteer-5',
    category: '占道经营',
    description: '夜市摊点占用消防通道',
    spot: '中心广场',
    community: { servedBy: CITY, n: 0 },
    unit: CITY,
    steps: [
      { kind: 'submitted', day: -11, time: '21:30' },
      { kind: 'assigned', day: -10, time: '09:20', note: '请清理消防通道内摊点' },
      { kind: 'accepted', day: -10, time: '10:00' },
      { kind: 'rectified', day: -6, time: '20:10', note: '摊点已迁入规定区域' },
      { kind: 'closed', day: -5, time: '09:40', note: '已整改，但超过期限' },
    ],
  },
  {
    key: 'litter-riverside',
    reporter: 'demo-volunteer-6',
    category: '垃圾堆放',
    description: '河边步道垃圾无人清理',
    spot: '中心广场',
    community: { servedBy: CITY, n: 1 },
    unit: CITY,
    steps: [
      { kind: 'submitted', day: -4, time: '07:30' },
      { kind: 'assigned', day: -4, time: '10:00', note: '请清理步道垃圾' },
      { kind: 'accepted', day: -4, time: '11:00' },
      { kind: 'rectified', day: -3, time: '15:00', note: '已清理' },
      { kind: 'sent_back', day: -2, time: '09:00', note: '复查发现仍有垃圾残留，请彻底清理', dueDay: 1 },
    ],
  },
]
