/// The pages' own words, in Chinese and English. What the service says (a
/// refusal, a status) is its own text, the same as the API and the CLI.
enum PageText {
  static let pairs: [String: (zh: String, en: String)] = [
    "network": ("长三角科学仪器共享网", "Yangtze Delta instrument network"),
    "footer": (
      "长三角大型科学仪器协作共用网 · labnet", "Yangtze River Delta shared instrument network · labnet"
    ),
    "nav_search": ("找仪器", "Search"), "nav_bookings": ("我的预约", "My bookings"),
    "nav_manage": ("仪器管理", "Manage"), "nav_vouchers": ("创新券", "Vouchers"),
    "nav_reports": ("统计报表", "Reports"),
    "login": ("登录", "Sign in"), "logout": ("退出", "Sign out"),
    "login_name": ("账号", "Login"), "password": ("密码", "Password"),
    "problem": ("无法完成", "Could not be done"), "back_home": ("返回首页", "Back to the search"),
    "search_title": ("查找空闲仪器", "Find a free instrument"),
    "stat_units": ("家单位", "units"), "stat_instruments": ("台仪器", "instruments"),
    "stat_value": ("原值", "in value"),
    "from": ("开始", "From"), "to": ("结束", "To"), "duration": ("时长", "Duration"),
    "province": ("省市", "Province"), "city": ("城市", "City"), "category": ("类别", "Category"),
    "tier": ("价值档", "Tier"), "max_rate": ("最高单价（元/时）", "Max rate (yuan/h)"),
    "text": ("关键词", "Text"), "sort": ("排序", "Order"), "any": ("不限", "any"),
    "search": ("搜索", "Search"), "instrument": ("仪器", "Instrument"), "unit": ("单位", "Unit"),
    "place": ("地点", "Where"), "rate": ("单价（元/时）", "Rate (yuan/h)"),
    "free_from": ("空闲开始", "Free from"), "free_until": ("空闲至", "Free until"),
    "book": ("预约", "Book"), "no_runs": ("这段时间没有空闲的仪器。", "No instrument is free then."),
    "sort_soonest": ("最早空闲", "soonest"), "sort_price": ("价格最低", "lowest price"),
    "sort_distance-to-province": ("距离最近", "nearest province"),
    "tier_flagship": ("旗舰（≥1000万元）", "flagship (≥ 10 M yuan)"),
    "tier_major": ("重大（≥200万元）", "major (≥ 2 M yuan)"),
    "tier_large": ("大型（≥50万元）", "large (≥ 500 k yuan)"),
    "tier_standard": ("一般（≥30万元）", "standard (≥ 300 k yuan)"),
    "blocks": ("维护停机", "Maintenance blocks"), "week_of": ("一周空闲", "Week of"),
    "previous_week": ("上一周", "previous week"), "next_week": ("下一周", "next week"),
    "cell_free": ("空闲", "free"), "cell_taken": ("已占用", "taken"),
    "cell_blocked": ("维护", "maintenance"), "cell_closed": ("不开放", "closed"),
    "cell_unavailable": ("不可约", "unavailable"),
    "weekday_1": ("周一", "Mon"), "weekday_2": ("周二", "Tue"), "weekday_3": ("周三", "Wed"),
    "weekday_4": ("周四", "Thu"), "weekday_5": ("周五", "Fri"), "weekday_6": ("周六", "Sat"),
    "weekday_7": ("周日", "Sun"),
    "fact_unit": ("所属单位", "Unit"), "fact_model": ("厂家型号", "Make and model"),
    "fact_category": ("类别", "Category"), "fact_tier": ("价值档", "Tier"),
    "fact_value": ("原值", "Value"), "fact_rate": ("收费标准", "Rate"),
    "fact_location": ("放置地点", "Location"), "fact_opening_hours": ("开放时间", "Opening hours"),
    "fact_status": ("状态", "Status"), "fact_needs_approval": ("需审批", "Needs approval"),
    "fact_training": ("需培训资质", "Needs training"),
    "training_passport": (
      "是（本单位或其他单位授予的同型号资质均可）", "yes (a qualification for this model from any unit)"
    ),
    "training_own": ("是（仅限本单位授予的资质）", "yes (only this unit's qualifications)"),
    "fact_max_length": ("单次最长", "Longest booking"), "fact_notice": ("提前预约", "Notice"),
    "fact_horizon": ("可预约范围", "Bookable ahead"),
    "fact_late_cancel": ("迟取消规则", "Late cancellation"),
    "yes": ("是", "yes"), "no": ("否", "no"), "days": ("天", "days"), "yuan": ("元", "yuan"),
    "yuan_per_hour": ("元/小时", "yuan per hour"),
    "needs_approval": ("需管理员审批", "needs the lab's approval"),
    "book_title": ("预约仪器", "Book an instrument"), "purpose": ("用途", "Purpose"),
    "voucher_code": ("创新券券号", "Voucher code"), "optional": ("可不填", "optional"),
    "confirm_booking": ("确认预约", "Book it"),
    "calendar_link": ("订阅我的日历：", "Subscribe to my calendar:"),
    "when": ("时间", "When"), "status": ("状态", "Status"), "fee": ("费用（元）", "Fee (yuan)"),
    "voucher_paid": ("券已付（元）", "Paid by voucher (yuan)"), "actions": ("操作", "Actions"),
    "pay": ("用券支付", "Pay with voucher"), "cancel": ("取消预约", "Cancel"),
    "move": ("改期", "Move"), "move_to": ("改到", "Move to"), "messages": ("消息", "Messages"),
    "waitlist_title": ("候补：没有空闲时加入等候", "No free time? Wait for it"),
    "join_waitlist": ("加入候补", "Join the waitlist"), "my_waitlist": ("我的候补", "My waitlist"),
    "leave_waitlist": ("退出候补", "Leave"), "my_qualifications": ("我的资质", "My qualifications"),
    "valid_until": ("有效至", "valid until"), "notice_waiting": ("已加入候补", "On the waitlist"),
    "notice_left": ("已退出候补", "Left the waitlist"),
    "waitlist_waiting": ("候补中", "waiting"), "waitlist_booked": ("已为您预约", "booked"),
    "waitlist_left": ("已退出", "left"), "waitlist_skipped": ("已移出", "skipped"),
    "no_bookings": ("还没有预约。", "No bookings yet."),
    "status_pending": ("待审批", "pending"), "status_confirmed": ("已确认", "confirmed"),
    "status_cancelled": ("已取消", "cancelled"), "status_rejected": ("已驳回", "rejected"),
    "status_completed": ("已完成", "completed"), "status_no_show": ("爽约", "no-show"),
    "notice_booked": ("已预约", "Booked"), "notice_paid": ("已用券支付", "Paid with the voucher"),
    "notice_move": ("已改期", "Moved"), "notice_cancel": ("已取消", "Cancelled"),
    "notice_approve": ("已批准", "Approved"),
    "notice_reject": ("已驳回", "Rejected"), "notice_complete": ("已记录实际使用", "Use recorded"),
    "notice_no-show": ("已记为爽约", "Marked as a no-show"),
    "notice_blocked": ("已添加维护停机", "Maintenance block added"),
    "notice_unblocked": ("已删除维护停机", "Maintenance block removed"),
    "notice_issued": ("已发放创新券", "Voucher issued"),
    "pending": ("待审批的预约", "Bookings waiting for approval"),
    "booker": ("预约人", "Booked by"), "approve": ("批准", "Approve"), "reject": ("驳回", "Reject"),
    "reason": ("理由", "Reason"), "no_pending": ("没有待审批的预约。", "Nothing waits for approval."),
    "this_week": ("今天和本周的预约", "Today and this week"),
    "used_from": ("实际开始", "Used from"), "used_to": ("实际结束", "Used to"),
    "record_use": ("记录实际使用", "Record use"), "no_show": ("爽约", "No-show"),
    "no_upcoming": ("本周没有预约。", "No bookings this week."),
    "add_block": ("添加维护停机", "Add a block"), "remove": ("删除", "Remove"),
    "my_instruments": ("本单位仪器", "My unit's instruments"),
    "ledger": ("流水", "Ledger of"), "issue": ("发放创新券", "Issue a voucher"),
    "holder": ("持券单位", "Holder unit"), "amount": ("面额（元）", "Amount (yuan)"),
    "expires": ("有效期至", "Valid until"), "policy": ("各省市政策", "Each province's policy"),
    "none": ("无", "none"),
    "group_by": ("分组", "Group by"), "month": ("月份", "Month"), "year": ("年度", "Year"),
    "show": ("查看", "Show"), "downloads": ("下载：", "Downloads:"),
    "usage_csv": ("使用统计 CSV", "usage CSV"), "usage_html": ("打印版报表", "printable report"),
    "vouchers_csv": ("创新券结算 CSV", "voucher flows CSV"),
    "bookings_csv": ("预约明细 CSV", "bookings CSV"),
    "by_province": ("按省市", "by province"), "by_unit": ("按单位", "by unit"),
    "by_tier": ("按价值档", "by tier"), "by_category": ("按类别", "by category"),
    "by_month": ("按月份", "by month"),
    "col_code": ("券号", "Code"), "col_province": ("省市", "Province"),
    "col_holder": ("持券单位", "Holder"), "col_face_value_yuan": ("面额（元）", "Face value (yuan)"),
    "col_balance_yuan": ("余额（元）", "Balance (yuan)"), "col_valid_from": ("生效", "Valid from"),
    "col_expires": ("有效期至", "Expires after"), "col_status": ("状态", "Status"),
    "col_entry_id": ("流水号", "Entry"), "col_kind": ("类型", "Kind"),
    "col_amount_yuan": ("金额（元）", "Amount (yuan)"), "col_booking_id": ("预约", "Booking"),
    "col_recorded_at": ("时间", "Recorded"), "col_cover_percent": ("补贴比例", "Cover"),
    "col_cap_yuan": ("单笔上限（元）", "Cap per booking (yuan)"),
    "col_accepted_in": ("可用地区", "Accepted in"),
  ]

  static let chinese = pairs.mapValues(\.zh)
  static let english = pairs.mapValues(\.en)

  static func words(_ language: PageLanguage) -> [String: String] {
    language == .zh ? chinese : english
  }

  /// "20 of 1,180 shown" in the visitor's words.
  static func found(_ shown: Int, of total: Int, _ language: PageLanguage) -> String {
    switch language {
    case .zh: return "共 \(total) 台仪器有空闲，显示最早的 \(shown) 台。"
    case .en: return "\(total) instruments are free; the first \(shown) are shown."
    }
  }
}
