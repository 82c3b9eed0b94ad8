/**
 * The compiled 数据看板 (office subpackage) in miniprogram-simulate with WeChat's WXML compiler:
 * the figures render, ECharts draws the weekly trend on the <canvas type="2d"> node (a recording
 * 2D context stands in for WeChat's), an export goes through wx.downloadFile with the token and
 * wx.openDocument; and the office subpackage stays well inside WeChat's 2 MB.
 */
import fs from 'node:fs'
import path from 'node:path'
import { WEAPP_DIST, requireWeappBuild } from '../helpers/weapp-build'
import { startWeapp, until, weappUser } from '../helpers/weapp-sim'

jest.setTimeout(120_000)

/** WeChat's limit for one subpackage. */
const SUBPACKAGE_LIMIT = 2 * 1024 * 1024

// ---- what WeChat gives the chart and the export, recorded
const mockDrawn: string[] = []
const mockDownloads: Array<{ url: string; header: Record<string, string> }> = []
const mockOpened: object[] = []

/** A 2D context that records the text drawn and answers what ECharts asks of it. */
function mockContext(): object {
  const target: Record<string | symbol, unknown> = {
    measureText: (text: string) => ({ width: String(text).length * 7 }),
    fillText: (text: string) => void mockDrawn.push(String(text)),
    createLinearGradient: () => ({ addColorStop() {} }),
    createRadialGradient: () => ({ addColorStop() {} }),
    createPattern: () => ({}),
    getImageData: () => ({ data: new Uint8ClampedArray(4) }),
    getLineDash: () => [],
  }
  return new Proxy(target, {
    get: (t, k) => (k in t ? t[k] : typeof k === 'string' && /^[a-z]/.test(k) ? () => undefined : undefined),
    set: (t, k, v) => {
      t[k] = v
      return true
    },
  })
}

jest.mock('../helpers/fake-wx', () => {
  const real = jest.requireActual('../helpers/fake-wx')
  return {
    createFakeWx: (routes: object) => {
      const fake = real.createFakeWx(routes)
      const canvasNode = { width: 300, height: 150, getContext: () => mockContext(), requestAnimationFrame: (f: () => void) => setTimeout(f, 16) }
      Object.assign(fake.wx, {
        createSelectorQuery: () => {
          const q = {
            in: () => q,
            select: () => q,
            fields: () => q,
            exec: (cb: (r: unknown[]) => void) => setTimeout(() => cb([{ node: canvasNode, width: 350, height: 260 }])),
          }
          return q
        },
        downloadFile: (o: { url: string; header: Record<string, string>; success: (r: object) => void }) => {
          mockDownloads.push({ url: o.url, header: o.header })
          setTimeout(() => o.success({ statusCode: 200, tempFilePath: 'wxfile://tmp/export.xlsx', errMsg: 'downloadFile:ok' }))
        },
        openDocument: (o: { success: (r: object) => void }) => {
          const { success: _s, fail: _f, complete: _c, ...rest } = o as Record<string, unknown>
          mockOpened.push(rest)
          setTimeout(() => o.success({ errMsg: 'openDocument:ok' }))
        },
      })
      return fake
    },
  }
})

const month = { from: '2025-11-01', to: '2025-11-24' }
const weekly = [
  { week: '2025-W45', monday: '2025-11-03', participants: 12, volunteers: 10, attendances: 14, volunteerHours: 30.5, dutyHours: 8 },
  { week: '2025-W46', monday: '2025-11-10', participants: 20, volunteers: 18, attendances: 25, volunteerHours: 44, dutyHours: 10 },
]
const row = (id: number, name: string, rate: number | null) => ({
  id,
  name,
  unit: null,
  community: null,
  registered: rate === null ? 0 : 10,
  headcount: null,
  residentPopulation: null,
  participants: rate === null ? 0 : rate * 10,
  rate,
  populationRate: null,
  volunteerHours: 12,
  dutyHours: 0,
  hoursPerRegistered: rate === null ? null : 1.2,
  activities: null,
  personHours: null,
})
const { id: _i, name: _n, unit: _u, community: _c, ...totals } = row(0, '合计', 0.4)
const cell = (week: string, monday: string, met: boolean | null) => ({ week, monday, onDuty: met ? 5 : 2, required: met === null ? 0 : 5, met })

test('when the office opens the compiled dashboard, then the figures, the trend chart and an export work', async () => {
  const { open, fake, templateWarnings } = startWeapp({
    'GET /api/me': () => ({ statusCode: 200, data: { user: weappUser } }),
    'GET /api/stats/city': () => ({
      statusCode: 200,
      data: { ...month, registeredVolunteers: 160, volunteersServed: 48, shareServed: 0.3, volunteerHours: 312.5, dutyHours: 96, hoursPerCapita: 1.9, weekly },
    }),
    'GET /api/stats/participation': () => ({
      statusCode: 200,
      data: { groupBy: 'community', ...month, rows: [row(1, '东风社区', 0.5), row(2, '光明村', null)], totals },
    }),
    'GET /api/stats/street-duty': () => ({
      statusCode: 200,
      data: {
        ...month,
        weeks: [
          { week: '2025-W45', monday: '2025-11-03' },
          { week: '2025-W46', monday: '2025-11-10' },
        ],
        units: [
          {
            id: 7,
            name: '区教育局',
            weeksRequired: 2,
            weeksMet: 1,
            compliance: 0.5,
            weeks: [cell('2025-W45', '2025-11-03', true), cell('2025-W46', '2025-11-10', false)],
          },
        ],
        latestWeek: { week: '2025-W46', monday: '2025-11-10' },
        missedLatestWeek: [{ id: 7, name: '区教育局', onDuty: 2, required: 5 }],
      },
    }),
    'GET /api/stats/rankings': () => ({
      statusCode: 200,
      data: {
        ...month,
        unitsByParticipation: { ranked: 1, top: [{ rank: 1, id: 7, name: '区教育局', value: 0.9 }], bottom: [], unranked: [] },
        unitsByCompliance: { ranked: 0, top: [], bottom: [], unranked: [] },
        communitiesByParticipation: { ranked: 1, top: [{ rank: 1, id: 1, name: '东风社区', value: 0.5 }], bottom: [], unranked: [] },
        unitsByOnTimeRectification: { ranked: 0, top: [], bottom: [], unranked: [] },
      },
    }),
  })
  fake.storage.set('civic.session.token', 'tok-weapp')

  const page = open('packages/office/pages/dashboard/index')

  await until('the figures', () => page.text().includes('东风社区') && page.text().includes('第46周'))
  expect(page.text()).toContain('全市概况')
  expect(page.text()).toContain('30.00%')
  expect(page.text()).toContain('到岗 2 / 应到 5')
  expect(page.text()).toContain('红榜')
  // the null rate of a community without registered residents
  const gm = page.comp.querySelectorAll('.dash-tr').find((r: { dom: Element }) => r.dom.textContent?.includes('光明村'))
  expect(gm?.dom.textContent).toContain('—')
  // 周上街: the missed week is red
  const missed = page.comp.querySelectorAll('.duty-cell--missed')
  expect(missed.map((c: { dom: Element }) => c.dom.textContent?.trim())).toEqual(['2/5'])
  expect(page.comp.querySelectorAll('.duty-cell--met')).toHaveLength(1)

  // ECharts drew the weeks on the canvas node
  await until('the chart to draw its axis labels', () => mockDrawn.includes('11/3') && mockDrawn.includes('11/10'))
  expect(mockDrawn).toContain('参与人数')

  // an export: the token goes with wx.downloadFile, the file opens in WeChat's viewer
  page.comp.querySelector('.dash-export-participation')!.dispatchEvent('tap')
  await until('the document to open', () => mockOpened.length > 0)
  // 本月 (the default), in China dates
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
  expect(mockDownloads).toEqual([
    {
      url: `http://127.0.0.1:3000/api/exports/participation.xlsx?groupBy=community&from=${today.slice(0, 8)}01&to=${today}`,
      header: { Authorization: 'Bearer tok-weapp' },
    },
  ])
  expect(mockOpened).toEqual([{ filePath: 'wxfile://tmp/export.xlsx', fileType: 'xlsx', showMenu: true }])
  expect(templateWarnings).toEqual([])
})

function bytes(dir: string): number {
  let total = 0
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    total += e.isDirectory() ? bytes(p) : e.name.endsWith('.LICENSE.txt') ? 0 : fs.statSync(p).size
  }
  return total
}

test('when the weapp is built, then the office subpackage (with ECharts) stays under WeChat’s 2 MB', () => {
  requireWeappBuild()
  const office = bytes(path.join(WEAPP_DIST, 'packages', 'office'))
  const dashboard = bytes(path.join(WEAPP_DIST, 'packages', 'office', 'pages', 'dashboard'))
  console.info(`office subpackage: ${office} B, of which the dashboard page: ${dashboard} B`)
  expect(office).toBeLessThan(SUBPACKAGE_LIMIT)
  // the chart library lives in the dashboard page, not in the main package
  expect(fs.readFileSync(path.join(WEAPP_DIST, 'vendors.js'), 'utf8')).not.toContain('zrender')
})
