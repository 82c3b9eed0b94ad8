/**
 * Stable API error codes. The server answers `{ error: { code, message } }`; the mini-program
 * switches on `code` and shows `message` (Chinese, safe to display).
 */
export const ERRORS = {
  // generic
  bad_request: { status: 400, message: '请求格式不正确' },
  validation_failed: { status: 400, message: '填写的内容有误，请检查后重试' },
  invalid_json: { status: 400, message: '请求内容不是有效的 JSON' },
  unauthorized: { status: 401, message: '请先登录' },
  session_expired: { status: 401, message: '登录已过期，请重新登录' },
  forbidden: { status: 403, message: '没有权限进行此操作' },
  not_found: { status: 404, message: '请求的内容不存在' },
  method_not_allowed: { status: 405, message: '不支持的请求方式' },
  conflict: { status: 409, message: '数据已被修改，请刷新后重试' },
  payload_too_large: { status: 413, message: '提交的内容过大' },
  unsupported_media_type: { status: 415, message: '不支持的内容类型' },
  headers_too_large: { status: 431, message: '请求地址或请求头过长' },
  rate_limited: { status: 429, message: '操作太频繁，请稍后再试' },
  internal_error: { status: 500, message: '服务器开小差了，请稍后再试' },
  database_unavailable: { status: 503, message: '服务暂时不可用，请稍后再试' },

  // identity
  wechat_code_invalid: { status: 400, message: '微信登录凭证无效或已过期，请重新登录' },
  wechat_rate_limited: { status: 429, message: '微信登录过于频繁，请稍后再试' },
  wechat_high_risk: { status: 403, message: '该微信账号存在风险，暂时无法登录' },
  wechat_unavailable: { status: 503, message: '微信服务繁忙，请稍后再试' },
  wechat_not_configured: { status: 503, message: '未配置微信小程序参数' },
  phone_code_invalid: { status: 400, message: '手机号授权已失效，请重新授权' },
  user_disabled: { status: 403, message: '账号已停用，请联系文明办' },
  profile_incomplete: { status: 409, message: '请先完善个人信息' },
  id_consent_required: { status: 400, message: '填写身份证号需要先勾选同意' },

  // organisation directory
  community_not_found: { status: 404, message: '社区不存在' },
  unit_not_found: { status: 404, message: '单位不存在' },
  pairing_not_found: { status: 404, message: '包联关系不存在' },
  user_not_found: { status: 404, message: '用户不存在' },
  community_name_taken: { status: 409, message: '已有同名社区' },
  unit_name_taken: { status: 409, message: '已有同名单位' },
  pairing_exists: { status: 409, message: '该单位已包联该社区' },
  invitation_invalid: { status: 400, message: '邀请码无效' },
  invitation_used: { status: 409, message: '邀请码已被使用' },
  invitation_expired: { status: 410, message: '邀请码已过期' },
  already_organiser: { status: 409, message: '你已经是该组织的组织者' },

  // activities and sign-up
  activity_type_not_found: { status: 404, message: '活动类型不存在' },
  activity_type_name_taken: { status: 409, message: '已有同名活动类型' },
  activity_type_inactive: { status: 409, message: '该活动类型已停用' },
  activity_not_found: { status: 404, message: '活动不存在' },
  activity_cancelled: { status: 409, message: '活动已取消' },
  activity_in_past: { status: 400, message: '活动结束时间已过' },
  activity_ended: { status: 409, message: '活动已结束，不能修改' },
  capacity_below_confirmed: { status: 409, message: '名额不能少于已报名人数' },
  activity_full: { status: 409, message: '名额已满' },
  signup_closed: { status: 409, message: '报名已截止' },
  signup_duplicate: { status: 409, message: '你已经报名了该活动' },
  signup_overlaps: { status: 409, message: '与你已报名的其他活动时间冲突' },
  signup_suspended: { status: 403, message: '因多次报名后未到场，你的报名资格已暂停，请联系文明办恢复' },
  signup_not_found: { status: 404, message: '你没有报名该活动' },
  not_eligible: { status: 403, message: '你不在该活动的参加对象范围内' },
  schedule_not_found: { status: 404, message: '周上街安排不存在' },

  // check-in, attendance, points
  token_invalid: { status: 400, message: '签到码无效，请扫描现场的签到码' },
  token_expired: { status: 400, message: '签到码已过期，请扫描最新的签到码' },
  checkin_window_closed: { status: 409, message: '当前不在签到时间内' },
  not_signed_up: { status: 403, message: '你没有报名该活动' },
  too_far: { status: 403, message: '你不在活动现场附近' },
  not_checked_in: { status: 409, message: '请先签到再签退' },
  attendance_not_found: { status: 404, message: '考勤记录不存在' },
  attendance_not_pending: { status: 409, message: '该记录不是待审核状态' },
  approval_by_recorder: { status: 403, message: '补录的记录需由其他组织者或文明办审核' },
  activity_not_ended: { status: 409, message: '活动结束后才能标记未到场' },

  // the office's figures
  stats_period_reversed: { status: 400, message: '开始日期不能晚于结束日期' },
  stats_period_too_long: { status: 400, message: '统计时段不能超过两年' },
  stats_scope_required: { status: 400, message: '请选择你负责的单位或社区' },

  // 随手拍 and 整改
  upload_too_large: { status: 413, message: '照片不能超过 5 MB' },
  upload_type_not_allowed: { status: 415, message: '只能上传 JPG、PNG 或 WebP 格式的照片' },
  upload_empty: { status: 400, message: '照片是空的，请重新选择' },
  upload_invalid: { status: 422, message: '照片文件已损坏或含有其他内容，请重新拍摄' },
  upload_missing: { status: 400, message: '请选择一张照片上传' },
  upload_too_many_files: { status: 400, message: '一次只能上传一张照片' },
  upload_not_found: { status: 404, message: '照片不存在或已过期，请重新上传' },
  upload_already_used: { status: 409, message: '照片已用于其他上报，请重新上传' },
  file_link_invalid: { status: 403, message: '图片链接无效或已过期' },
  category_not_found: { status: 404, message: '问题分类不存在' },
  category_inactive: { status: 409, message: '该问题分类已停用' },
  category_name_taken: { status: 409, message: '已有同名分类' },
  report_not_found: { status: 404, message: '上报不存在' },
  report_invalid_transition: { status: 409, message: '当前状态不能进行此操作，请刷新后重试' },
  report_daily_limit: { status: 429, message: '今天的上报次数已达上限，请明天再试' },
  report_duplicate_photo: { status: 409, message: '今天已上报过相同的照片' },
  report_deadline_in_past: { status: 400, message: '整改期限不能早于今天' },
  report_duplicate_of_invalid: { status: 400, message: '只能标记为另一条有效上报的重复' },
} as const satisfies Record<string, { status: number; message: string }>

export type ErrorCode = keyof typeof ERRORS

export interface ApiErrorBody {
  error: {
    code: ErrorCode | string
    message: string
    /** field-level problems for `validation_failed` */
    details?: Array<{ path: string; message: string }>
    /** extra machine-readable facts (e.g. the overlapping activity, the distance) */
    meta?: Record<string, unknown>
  }
}

export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERRORS, code)
}
