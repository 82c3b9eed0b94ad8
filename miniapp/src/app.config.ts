export default defineAppConfig({
  // The login page comes first: the weapp logs in silently there, H5 shows 演示登录.
  pages: [
    'pages/login/index',
    'pages/activities/index',
    'pages/report/index',
    'pages/me/index',
    'pages/profile/index',
    // a printed 小程序码 opens this page (the server's wxacode names it): keep the path
    'pages/checkin/index',
  ],
  subPackages: [
    { root: 'packages/activity', pages: ['pages/detail/index', 'pages/mine/index'] },
    {
      root: 'packages/checkin',
      pages: ['pages/result/index', 'pages/records/index', 'pages/points/index', 'pages/certificate/index'],
    },
    {
      root: 'packages/organiser',
      pages: ['pages/index/index', 'pages/edit/index', 'pages/manage/index', 'pages/roster/index', 'pages/schedules/index', 'pages/checkin-code/index', 'pages/attendance/index', 'pages/pending/index'],
    },
    // 随手拍: new report, 我的上报, a report's page, the unit's 整改任务 and rectification form
    { root: 'packages/report', pages: ['pages/new/index', 'pages/mine/index', 'pages/detail/index', 'pages/queue/index', 'pages/rectify/index'] },
    {
      root: 'packages/office',
      pages: [
        'pages/index/index',
        'pages/communities/index',
        'pages/units/index',
        'pages/pairings/index',
        'pages/invitations/index',
        'pages/reports/index',
        'pages/report-verify/index',
        'pages/dashboard/index',
      ],
    },
  ],
  // the activity page opens from the 活动 tab: fetch its subpackage while the list shows
  preloadRule: {
    'pages/activities/index': { network: 'all', packages: ['packages/activity'] },
    'pages/report/index': { network: 'all', packages: ['packages/report'] },
  },
  window: {
    navigationBarTitleText: '文明积分',
    navigationBarBackgroundColor: '#c8102e',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f6f7',
    backgroundTextStyle: 'light',
  },
  tabBar: {
    color: '#666666',
    selectedColor: '#c8102e',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/activities/index',
        text: '活动',
        iconPath: 'assets/tabbar/activities.png',
        selectedIconPath: 'assets/tabbar/activities-active.png',
      },
      {
        pagePath: 'pages/report/index',
        text: '随手拍',
        iconPath: 'assets/tabbar/report.png',
        selectedIconPath: 'assets/tabbar/report-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tabbar/me.png',
        selectedIconPath: 'assets/tabbar/me-active.png',
      },
    ],
  },
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    'scope.userLocation': { desc: '用于签到时确认你在活动现场附近' },
  },
  __usePrivacyCheck__: true,
  lazyCodeLoading: 'requiredComponents',
})
