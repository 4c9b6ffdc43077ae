# Handset，简体中文：主窗口的各个页面（联系人、通话记录、拨号盘）。

## Left rail
rail-contacts = 联系人
rail-history = 通话记录
rail-dialpad = 拨号键盘

## Search
search-placeholder = 搜索或拨号…
search-call-typed = 呼叫 { $address }

## Contacts
contacts-heading = 联系人
contacts-new = 新建联系人
contacts-call = 呼叫
contacts-open = 详情
contacts-favourites = 收藏
contacts-empty = 还没有联系人。点击“新建联系人”添加，或将 .vcf 文件拖到窗口中导入。
contacts-no-match = 没有与“{ $query }”匹配的联系人。
contacts-unreadable = { $count ->
   *[other] 有 { $count } 个联系人文件无法读取，已保持原样：
}
contacts-save-failed = 无法保存联系人：{ $detail }
contacts-import-unreadable = 无法读取 { $file }：{ $detail }
contacts-imported = 从 { $file } 导入：新增 { $added } 个，合并 { $merged } 个，跳过 { $skipped } 个。
contacts-import-skipped = 已跳过：{ $reasons }
contacts-export = 全部导出
contacts-exported = 已导出到 { $file }。联系人：{ $count }。
contacts-export-failed = 无法导出联系人：{ $detail }

## Address labels
label-work = 工作
label-mobile = 手机
label-home = 住宅
label-sip = SIP
label-other = 其他

## A contact's page
page-back = ‹ 返回
contact-gone = 此联系人已不存在。
contact-calls = 通话
contact-no-calls = 与此联系人还没有通话。
contact-edit = 编辑
contact-export = 导出
contact-delete = 删除
contact-delete-cancel = 保留
contact-delete-confirm = 删除此联系人？
contact-favourite = ★ 已收藏

## Adding or editing a contact
editor-heading-new = 新建联系人
editor-heading-edit = 编辑联系人
editor-name = 姓名
editor-organisation = 单位
editor-address-placeholder = 号码或 SIP 地址
editor-add-address = 添加号码或地址
editor-favourite = 收藏
editor-note = 备注
editor-error-no-name = 请填写联系人的姓名或单位。
editor-cancel = 取消
editor-save = 保存

## History
history-heading = 通话记录
history-all = 全部
history-missed = 未接
history-clear = 全部清除
history-clear-confirm = 要删除通话记录中的所有通话吗？
history-empty = 还没有通话。
history-no-missed = 没有未接来电。
history-call-back = 回拨
history-add-contact = 添加
history-missed-at = { $when } · 未接
history-lasted = { $when } · { $duration }
history-not-connected = { $when } · { $reason }
history-failed = 无法更改通话记录：{ $detail }

## Dial pad and calls
dialpad-placeholder = 号码或地址
dialpad-invalid = 这既不是号码也不是 SIP 地址。
call-from-account = 呼出账户
call-none = 当前没有通话。

## Window title while a call rings
app-title-ringing = { $caller } 来电 — Handset
