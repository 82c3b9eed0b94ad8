/** Activity builders and request-query helpers for the mini-program's component tests. */
import type { Activity, ActivityType, DirectoryOptions, Notice } from '@civic/shared'
import { act, fireEvent, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'

const HOUR = 3_600_000

/** An activity two days ahead, open for sign-up, with places left. */
export function activity(overrides: Partial<Activity> = {}): Activity {
  const start = Date.now() + 48 * HOUR
  return {
    id: 7,
    shortKey: 'k7k7k7k7k7',
    title: '南关十字文明交通劝导',
    type: { id: 1, name: '文明交通', duty: false },
    description: '在路口劝导行人和非机动车遵守交通信号。',
    organiser: { kind: 'unit', id: 3, name: '区教育局' },
    community: { id: 2, name: '东风社区' },
    address: '南关十字东北角',
    latitude: 34.25,
    longitude: 108.95,
    radiusM: 500,
    startAt: new Date(start).toISOString(),
    endAt: new Date(start + 2 * HOUR).toISOString(),
    capacity: 10,
    signupDeadline: new Date(start - HOUR).toISOString(),
    allowWalkIn: false,
    waitlistEnabled: true,
    audience: 'everyone',
    status: 'published',
    cancelReason: null,
    requiredHeadcount: null,
    scheduleId: null,
    confirmedCount: 4,
    waitlistCount: 0,
    remaining: 6,
    distanceM: null,
    mySignup: null,
    canManage: false,
    ...overrides,
  }
}

export function activityTypes(): ActivityType[] {
  const t = (id: number, name: string, duty = false): ActivityType => ({
    id,
    name,
    duty,
    pointsPerHour: 10,
    maxHoursPerActivity: null,
    maxPointsPerDay: null,
    active: true,
  })
  return [t(1, '文明交通'), t(2, '周上街', true), t(3, '环境整治'), t(4, '文明宣传')]
}

export function directory(): DirectoryOptions {
  return {
    communities: [
      { id: 1, name: '幸福里社区' },
      { id: 2, name: '东风社区' },
    ],
    units: [{ id: 3, name: '区教育局' }],
  }
}

export function notice(overrides: Partial<Notice> = {}): Notice {
  return {
    id: 1,
    kind: 'waitlist_promoted',
    title: '候补成功：南关十字文明交通劝导',
    body: '有人取消了报名，你已从候补转为正式报名，请于 11月24日 08:30 准时参加。',
    activityId: 7,
    createdAt: '2026-11-21T02:00:00.000Z',
    read: false,
    ...overrides,
  }
}

/** The query strings of the requests made to `path` so far, oldest first. */
export function queriesTo(path: string): URLSearchParams[] {
  const spy = Taro.request as unknown as jest.Mock
  return spy.mock.calls
    .map(([opts]) => new URL((opts as { url: string }).url, 'http://test.local'))
    .filter((u) => u.pathname === path)
    .map((u) => u.searchParams)
}

/** Opens the OptionPicker with class `cls` and picks `label` in its sheet. */
export async function pickOption(container: HTMLElement, cls: string, label: string) {
  // the previous sheet is gone (OptionPicker destroys a closed sheet after its 300 ms slide)
  for (let t = 0; document.querySelector('.option-picker-sheet'); t += 50) {
    if (t > 3000) throw new Error('the previous sheet did not close')
    await act(() => new Promise((r) => setTimeout(r, 50)))
  }
  fireEvent.click(container.querySelector(`${cls} .option-picker-field`)!)
  const sheet = await waitFor(() => {
    const el = document.querySelector<HTMLElement>('.option-picker-sheet')
    if (!el) throw new Error(`the sheet of ${cls} did not open`)
    return el
  })
  fireEvent.click(within(sheet).getByText(label))
}
