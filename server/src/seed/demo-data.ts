/**
 * Fixed data for the demo city 清河区 (fictional): communities, units, activity types,
 * the demo accounts and the recurring activity series. Everything random is drawn in demo.ts
 * from a seeded PRNG; this file holds only the lists.
 */
import type { UNIT_KINDS } from '@civic/shared'

export const DEMO_DISTRICT = '清河区'
/** city centre the demo map is jittered around */
export const DEMO_CENTRE = { lat: 34.26, lng: 108.94 }

// ---------------------------------------------------------------- directory

export interface CommunityDef {
  name: string
  street: string
  /** 常住人口; null where the office has not entered it */
  residentPopulation: number | null
  /** relative share of registered residents (and how active they are) */
  weight: number
}

export const COMMUNITIES: readonly CommunityDef[] = [
  { name: '东风社区', street: '东关街道', residentPopulation: 8600, weight: 1.4 },
  { name: '幸福里社区', street: '东关街道', residentPopulation: 6200, weight: 1.2 },
  { name: '光明村', street: '河滨街道', residentPopulation: 3100, weight: 0.7 },
  { name: '建设路社区', street: '西城街道', residentPopulation: 9400, weight: 1.1 },
  { name: '和平社区', street: '西城街道', residentPopulation: 7300, weight: 1.0 },
  { name: '兴庆社区', street: '长乐街道', residentPopulation: 11200, weight: 1.3 },
  { name: '翠华社区', street: '长乐街道', residentPopulation: 5800, weight: 0.8 },
  { name: '南关社区', street: '东关街道', residentPopulation: 7900, weight: 0.9 },
  { name: '柳湖村', street: '河滨街道', residentPopulation: null, weight: 0.5 },
  { name: '新华社区', street: '西城街道', residentPopulation: 6800, weight: 0.9 },
  { name: '朝阳社区', street: '长乐街道', residentPopulation: null, weight: 0.6 },
  { name: '民乐园社区', street: '河滨街道', residentPopulation: 4600, weight: 0.8 },
]

/** places inside a community, for addresses like "东风社区党群服务中心" */
export const COMMUNITY_SPOTS = ['党群服务中心', '中心广场', '农贸市场门口', '小区南门', '公交站台', '文化活动室']

export type UnitKind = (typeof UNIT_KINDS)[number]

export interface UnitDef {
  name: string
  kind: UnitKind
  /** declared headcount (在编人数) */
  headcount: number
  /** chance per week that the unit publishes its 周上街 duty (some units do not keep it up) */
  dutyRate: number
}

export const UNITS: readonly UnitDef[] = [
  { name: '区纪委监委', kind: '党政机关', headcount: 96, dutyRate: 1 },
  { name: '区公安分局', kind: '党政机关', headcount: 300, dutyRate: 1 },
  { name: '区教育局', kind: '党政机关', headcount: 82, dutyRate: 1 },
  { name: '区卫健局', kind: '党政机关', headcount: 64, dutyRate: 0.6 },
  { name: '区城管局', kind: '党政机关', headcount: 168, dutyRate: 0.7 },
  { name: '区市场监管局', kind: '党政机关', headcount: 105, dutyRate: 0.4 },
  { name: '区交通运输局', kind: '党政机关', headcount: 72, dutyRate: 0.4 },
  { name: '区民政局', kind: '党政机关', headcount: 46, dutyRate: 0.25 },
  { name: '区住建局', kind: '党政机关', headcount: 68, dutyRate: 0.25 },
  { name: '区文旅局', kind: '党政机关', headcount: 42, dutyRate: 0.2 },
  { name: '区人社局', kind: '党政机关', headcount: 58, dutyRate: 0.2 },
  { name: '区财政局', kind: '党政机关', headcount: 51, dutyRate: 0.1 },
  { name: '区团委', kind: '群团组织', headcount: 20, dutyRate: 0.3 },
  { name: '区妇联', kind: '群团组织', headcount: 24, dutyRate: 0.2 },
  { name: '区税务局', kind: '驻区单位', headcount: 126, dutyRate: 0.1 },
  { name: '区法院', kind: '党政机关', headcount: 138, dutyRate: 0.15 },
  { name: '区检察院', kind: '党政机关', headcount: 77, dutyRate: 0.15 },
  { name: '区融媒体中心', kind: '事业单位', headcount: 55, dutyRate: 0 },
  { name: '区供电公司', kind: '国有企业', headcount: 210, dutyRate: 0.15 },
  { name: '区自来水公司', kind: '国有企业', headcount: 143, dutyRate: 0 },
]

// ---------------------------------------------------------------- activity types

export interface ActivityTypeDef {
  name: string
  duty: boolean
  pointsPerHour: number
  maxHoursPerActivity: number | null
  maxPointsPerDay: number | null
  description: string
}

export const ACTIVITY_TYPES: readonly ActivityTypeDef[] = [
  {
    name: '文明交通',
    duty: false,
    pointsPerHour: 10,
    maxHoursPerActivity: 4,
    maxPointsPerDay: 80,
    description: '在路口协助交警劝导行人和非机动车遵守交通信号，不闯红灯、不越线、不逆行。请穿志愿者马甲、戴小红帽，提前 10 分钟到岗签到。',
  },
  {
    name: '周上街',
    duty: true,
    pointsPerHour: 5,
    maxHoursPerActivity: 2,
    maxPointsPerDay: null,
    description: '单位干部职工每周上街：在包联社区巡查背街小巷、劝导乱停乱放和占道经营，发现问题随手拍上报。此为工作任务，不计入志愿服务时长。',
  },
  {
    name: '环境整治',
    duty: false,
    pointsPerHour: 10,
    maxHoursPerActivity: 4,
    maxPointsPerDay: 80,
    description: '清理卫生死角、楼道杂物和小广告，整理共享单车。工具由社区提供，请穿方便劳动的衣服。',
  },
  {
    name: '文明宣传',
    duty: false,
    pointsPerHour: 10,
    maxHoursPerActivity: 4,
    maxPointsPerDay: 80,
    description: '发放创文宣传资料，讲解垃圾分类、文明餐桌、移风易俗，开展知晓率入户调查。',
  },
  {
    name: '文明旅游',
    duty: false,
    pointsPerHour: 10,
    maxHoursPerActivity: 4,
    maxPointsPerDay: 80,
    description: '在景区入口和游客中心引导游客文明游览、有序排队，劝阻乱扔垃圾和不文明拍照。',
  },
]

// ---------------------------------------------------------------- recurring activities

export type Organiser = { unit: string } | { community: string }

/** A recurring activity; `weekday` 1 = Monday … 7 = Sunday (China time). */
export interface SeriesDef {
  type: string
  organiser: Organiser
  /** where it happens */
  community: string
  title: string
  address: string
  weekday: number
  start: string
  end: string
  /** 1 = every week, 2 = every other week */
  every: 1 | 2
  capacity: number
  audience: 'everyone' | 'community_residents' | 'unit_staff'
  /** the first upcoming occurrence is fully booked with a short waitlist */
  fullNext?: boolean
  /** created by the office rather than the organiser */
  byOffice?: boolean
}

export const SERIES: readonly SeriesDef[] = [
  {
    type: '文明交通',
    organiser: { unit: '区公安分局' },
    community: '建设路社区',
    title: '人民路口文明交通劝导',
    address: '清河区人民路与解放路十字路口',
    weekday: 2,
    start: '07:30',
    end: '09:30',
    every: 1,
    capacity: 16,
    audience: 'everyone',
  },
  {
    type: '文明交通',
    organiser: { unit: '区交通运输局' },
    community: '兴庆社区',
    title: '长乐路口晚高峰文明交通劝导',
    address: '清河区长乐路与兴庆路十字路口',
    weekday: 4,
    start: '17:00',
    end: '19:00',
    every: 1,
    capacity: 14,
    audience: 'everyone',
  },
  {
    type: '文明交通',
    organiser: { community: '幸福里社区' },
    community: '幸福里社区',
    title: '东风路口周末文明交通劝导',
    address: '清河区东风路与清河大道十字路口',
    weekday: 6,
    start: '09:00',
    end: '12:00',
    every: 2,
    capacity: 20,
    audience: 'everyone',
  },
  {
    type: '环境整治',
    organiser: { community: '东风社区' },
    community: '东风社区',
    title: '东风社区周末环境整治',
    address: '清河区东风社区党群服务中心集合',
    weekday: 6,
    start: '08:30',
    end: '11:00',
    every: 1,
    capacity: 24,
    audience: 'everyone',
    fullNext: true,
  },
  {
    type: '环境整治',
    organiser: { community: '光明村' },
    community: '光明村',
    title: '光明村人居环境整治',
    address: '清河区光明村村委会门前',
    weekday: 7,
    start: '09:00',
    end: '11:30',
    every: 2,
    capacity: 20,
    audience: 'community_residents',
  },
  {
    type: '环境整治',
    organiser: { unit: '区城管局' },
    community: '南关社区',
    title: '南关背街小巷卫生清理',
    address: '清河区南关正街西巷口',
    weekday: 3,
    start: '15:00',
    end: '17:30',
    every: 2,
    capacity: 18,
    audience: 'everyone',
  },
  {
    type: '文明宣传',
    organiser: { community: '和平社区' },
    community: '和平社区',
    title: '垃圾分类宣传进小区',
    address: '清河区和平社区中心广场',
    weekday: 5,
    start: '15:00',
    end: '17:00',
    every: 2,
    capacity: 12,
    audience: 'everyone',
  },
  {
    type: '文明宣传',
    organiser: { unit: '区融媒体中心' },
    community: '新华社区',
    title: '创文知识入户宣传',
    address: '清河区新华社区文化活动室',
    weekday: 7,
    start: '14:30',
    end: '17:00',
    every: 2,
    capacity: 15,
    audience: 'everyone',
  },
  {
    type: '文明旅游',
    organiser: { unit: '区文旅局' },
    community: '柳湖村',
    title: '柳湖湿地公园文明旅游引导',
    address: '清河区柳湖湿地公园游客中心',
    weekday: 6,
    start: '10:00',
    end: '14:00',
    every: 2,
    capacity: 12,
    audience: 'everyone',
    fullNext: true,
    byOffice: true,
  },
]

/** an all-day post on the seed date, so check-in can be shown whatever the hour */
export const TODAY_POST: Omit<SeriesDef, 'weekday' | 'every'> = {
  type: '文明交通',
  organiser: { unit: '区教育局' },
  community: '南关社区',
  title: '南关正街路口文明交通全天轮岗',
  address: '清河区南关正街与和平路十字路口',
  start: '08:00',
  end: '20:00',
  capacity: 30,
  audience: 'everyone',
}

/** 周上街 time slots (2 h each: the type credits at most 2 h) */
export const DUTY_SLOTS: ReadonlyArray<{ start: string; end: string }> = [
  { start: '07:30', end: '09:30' },
  { start: '09:00', end: '11:00' },
  { start: '16:30', end: '18:30' },
]

export const DUTY_SPOTS = ['主街及背街小巷', '农贸市场周边', '公交站台周边', '学校门口周边', '商业街沿线']

// ---------------------------------------------------------------- people

export interface DemoUserDef {
  openid: string
  realName: string
  gender: 'male' | 'female'
  birthYear: number
  skills: string[]
  phone: string
  community: string | null
  unit: string | null
  isOffice?: boolean
  organiserOf?: Organiser
}

/** the accounts the demo login offers (openid → role) */
export const DEMO_USERS: readonly DemoUserDef[] = [
  {
    openid: 'demo-office',
    realName: '王主任',
    gender: 'male',
    birthYear: 1974,
    skills: ['组织协调'],
    phone: '13809110001',
    community: null,
    unit: null,
    isOffice: true,
  },
  {
    openid: 'demo-organiser',
    realName: '李明华',
    gender: 'male',
    birthYear: 1984,
    skills: ['组织协调', '宣传讲解'],
    phone: '13809110002',
    community: '南关社区',
    unit: '区教育局',
    organiserOf: { unit: '区教育局' },
  },
  {
    openid: 'demo-organiser-community',
    realName: '张秀兰',
    gender: 'female',
    birthYear: 1971,
    skills: ['助老服务', '组织协调'],
    phone: '13809110003',
    community: '东风社区',
    unit: null,
    organiserOf: { community: '东风社区' },
  },
  {
    openid: 'demo-volunteer-1',
    realName: '陈晓燕',
    gender: 'female',
    birthYear: 1992,
    skills: ['交通劝导', '急救'],
    phone: '15829110004',
    community: '东风社区',
    unit: null,
  },
  {
    openid: 'demo-volunteer-2',
    realName: '刘洋',
    gender: 'male',
    birthYear: 1988,
    skills: ['摄影', '宣传讲解'],
    phone: '15829110005',
    community: '幸福里社区',
    unit: null,
  },
  {
    openid: 'demo-volunteer-3',
    realName: '赵丽娟',
    gender: 'female',
    birthYear: 1979,
    skills: ['急救', '心理疏导'],
    phone: '18691110006',
    community: '建设路社区',
    unit: '区卫健局',
  },
  {
    openid: 'demo-volunteer-4',
    realName: '孙浩然',
    gender: 'male',
    birthYear: 2001,
    skills: ['外语', '电脑维修'],
    phone: '18691110007',
    community: '和平社区',
    unit: null,
  },
  {
    openid: 'demo-volunteer-5',
    realName: '周桂芳',
    gender: 'female',
    birthYear: 1963,
    skills: ['助老服务', '垃圾分类指导'],
    phone: '13509110008',
    community: '光明村',
    unit: null,
  },
  {
    openid: 'demo-volunteer-6',
    realName: '吴俊杰',
    gender: 'male',
    birthYear: 1996,
    skills: ['驾驶', '交通劝导'],
    phone: '13509110009',
    community: '兴庆社区',
    unit: null,
  },
]

export const SYNTHETIC_USERS = 150

export const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '于', '蒋', '蔡',
  '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '金',
  '石', '廖', '贾', '夏', '韦', '付', '方', '白', '邹', '孟', '熊', '秦', '邱', '江', '尹', '薛', '闫', '段', '雷', '侯',
]

export const GIVEN_NAMES_MALE = [
  '伟', '强', '磊', '军', '勇', '杰', '涛', '斌', '超', '明', '刚', '平', '辉', '鹏', '华', '飞', '鑫', '波', '宁', '凯',
  '建国', '建军', '志强', '志明', '海涛', '文博', '俊杰', '浩然', '子轩', '宇航', '晓东', '国庆', '永刚', '振华', '立新',
  '春生', '德明', '家豪', '天佑', '博文', '思远', '明轩', '嘉诚', '瑞林', '卫东', '红军', '铁柱', '金龙', '新民', '向阳',
]

export const GIVEN_NAMES_FEMALE = [
  '芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '燕', '玲', '婷', '雪', '琳', '欣', '悦', '萍', '红', '梅', '莉', '洁',
  '秀英', '桂兰', '玉兰', '秀珍', '淑华', '丽华', '晓燕', '海燕', '雅琴', '慧敏', '思雨', '欣怡', '梓涵', '雨桐', '佳怡',
  '春梅', '冬梅', '凤英', '翠兰', '美玲', '晓雯', '文静', '婉清', '若曦', '一诺', '紫萱', '金凤', '巧云', '月娥', '素琴',
]

export const SKILLS = [
  '交通劝导', '急救', '摄影', '宣传讲解', '心理疏导', '法律咨询', '外语', '文艺表演', '电脑维修', '驾驶',
  '垃圾分类指导', '助老服务', '手语', '书法', '组织协调',
]

/** 13x / 15x / 18x mobile prefixes for synthetic phone numbers */
export const PHONE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139',
  '150', '151', '152', '153', '155', '156', '157', '158', '159',
  '180', '181', '182', '183', '185', '186', '187', '188', '189',
]

export const MANUAL_REASON = '现场未带手机，组织者补录'
