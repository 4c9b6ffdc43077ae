# Handset，简体中文。
# Fluent 语法（https://projectfluent.org）。键和变量与 en-US/handset.ftl 相同；
# 中文没有复数变化，不需要 [one] 等形式。

app-title = Handset

## Engine status

engine-starting = 正在启动电话…
engine-failed = 电话无法启动：{ $detail }
engine-stopped = 电话已停止。请重新启动 Handset 以拨打电话。
engine-error = 出错了：{ $detail }

## Dialer

dialer-your-address = 别人可以通过此地址呼叫您
dialer-call = 呼叫

## In a call

call-state-calling = 正在呼叫…
call-state-ringing = 正在振铃…
call-state-incoming = 来电
call-state-established = 已接通
call-state-ended = 通话已结束
call-mute = 静音
call-unmute = 取消静音
call-muted = 您的麦克风已静音
call-hangup = 挂断
call-keypad = 拨号键盘
call-keypad-hide = 隐藏拨号键盘
call-hanging-up = 正在挂断…
call-codec = 编解码器：{ $codec }
call-devices = 声音：{ $device }
call-speaker = 扬声器
call-microphone = 麦克风
call-audio-moved = 通话音频已切换到 { $device }
call-audio-reopened = 声音设备停止工作；通话在 { $device } 上继续
call-audio-refused = 无法切换声音设备：{ $detail }

## Incoming call

incoming-heading = 来电
incoming-to = 来电至 { $to }
incoming-answer = 接听
incoming-decline = 拒接
incoming-answering = 正在接听…

## Ended-call notice

ended-heading = 与 { $remote } 的通话已结束
ended-duration = 时长 { $duration }
ended-dismiss = 确定

## Why a call ended

end-local-hangup = 您挂断了电话。
end-remote-hangup = 对方挂断了电话。
end-caller-cancelled = 您接听前来电方已放弃。
end-declined = 通话被拒绝。
end-busy = 对方忙。
end-rejected = 呼叫被拒绝（{ $code } { $text }）。
end-no-response = 对方没有响应。
end-media-incompatible = 双方电话无法商定音频格式。
end-bad-target = 无法呼叫该地址：{ $detail }
end-transport-error = 网络故障：{ $detail }
end-audio-error = 无法使用音频设备：{ $detail }
end-unanswered = 无人接听，来电已停止响铃。
end-do-not-disturb = “勿扰”模式拒绝了此来电。
end-unknown = 通话已结束。

## Settings panel

settings-open = 设置
settings-heading = 设置
settings-close = 返回
settings-tab-accounts = 账户
settings-tab-audio = 音频
settings-tab-network = 网络
settings-tab-general = 常规
settings-no-accounts = 还没有账户。没有账户时，Handset 以点对点方式直接呼叫。
settings-add-account = 添加账户
settings-edit = 编辑
settings-delete = 删除
settings-delete-question = 删除 { $account }？其密码也会一并清除。
settings-delete-confirm = 删除
settings-cancel = 取消
settings-save = 保存
settings-set-default = 设为默认
settings-default = 默认
settings-form-add = 新建账户
settings-form-edit = 编辑账户
settings-account-display-name = 显示名称
settings-account-user = 用户
settings-account-domain = 域名或注册服务器
settings-account-auth-user = 认证用户名（如不同）
settings-account-password = 密码
settings-account-proxy = 出站代理
settings-account-expires = 注册有效期（秒）
settings-account-transport = 传输方式
settings-account-transport-auto = 自动（DNS）
settings-account-register = 注册
settings-account-enabled = 已启用
settings-account-disabled = 已停用
settings-account-codecs = 编解码器（最好的排在最前；关闭的编解码器永不使用）
settings-codec-up = 上移
settings-codec-down = 下移
settings-storage-unavailable = 没有运行中的密钥环（Secret Service），无法安全保存密码（{ $detail }）。要把它保存在哪里？
settings-storage-ask = 每次启动时询问
settings-storage-file = 保存在只有我能读取的文件中
settings-enter-password = 输入密码…

## Ask at each start: the password prompt

password-prompt-heading = 需要密码
password-prompt-account = 请输入 { $account } 的密码以注册该账户。
password-prompt-explain = 密码只保存在内存中，直到 Handset 退出，绝不会写入磁盘。
password-prompt-placeholder = 密码
password-prompt-ok = 确定
password-prompt-later = 稍后
password-prompt-refused = 注册服务器拒绝了该密码。请重新输入。
password-prompt-waiting = 还有 { $count } 个账户在等待输入密码。

## The account list: registration state

settings-registration-off = 未注册
settings-registration-registering = 正在注册…
settings-registration-registered = 已注册，有效期至 { $time }
settings-registration-failed = 失败：{ $reason }
settings-registration-unknown = 正在等待电话…
registration-failure-credentials = 用户名或密码错误
registration-failure-no-password = 未保存密码
registration-failure-no-response = 注册服务器没有响应
registration-failure-network = 网络问题（{ $detail }）
registration-failure-certificate = 服务器证书不受信任（{ $detail }）
registration-failure-rejected = 被注册服务器拒绝（{ $code } { $text }）
registration-failure-challenge = 无法理解注册服务器的认证质询（{ $detail }）

## Audio, network and general pages

settings-audio-input = 麦克风
settings-audio-output = 扬声器
settings-audio-ringer = 铃声
settings-audio-default = 系统默认
settings-network-sip-port = SIP 端口（UDP 和 TCP；0 表示自动选择空闲端口）
settings-network-tls-port = TLS 端口
settings-network-transports = 传输方式
settings-general-auto-answer = 自动接听来电
settings-general-start-minimised = 启动时最小化
settings-general-close-to-tray = 关闭窗口时将 Handset 保留在系统托盘中
settings-general-autostart = 登录时在后台启动
settings-general-dnd = 勿扰模式
settings-general-global-shortcuts = 全局快捷键：在任何窗口中接听、挂断和静音
settings-general-global-shortcuts-off = 开启时，桌面会请您确认按键。
settings-general-global-shortcuts-binding = 正在向桌面请求按键…
settings-general-global-shortcuts-bound = { $action }：{ $keys }
settings-general-global-shortcuts-no-keys = { $action }：尚未设置按键；请在桌面设置中选择
settings-general-global-shortcuts-bound-unlisted = 桌面已设置快捷键；可在其设置中查看按键。
settings-general-global-shortcuts-unavailable = 此桌面没有全局快捷键（未提供 XDG GlobalShortcuts 门户）。
settings-general-global-shortcuts-refused = 桌面未设置快捷键。关闭后再次开启即可重新询问。
settings-general-allow-direct = 允许直接点对点呼叫（不经过账户）
settings-general-ring-timeout = 响铃超时
settings-general-ring-timeout-seconds = { $seconds } 秒
settings-general-language = 语言
settings-general-language-system = 跟随系统
settings-general-theme = 配色
settings-general-theme-system = 跟随桌面
settings-general-theme-light = 浅色
settings-general-theme-dark = 深色
settings-general-country = 本地号码的国家或地区（两个字母，如 CN 或 HK）
settings-general-country-placeholder = CN
settings-general-country-invalid = 请输入两个字母的国家或地区代码，如 CN、HK 或 US，或留空。
settings-load-failed = 无法加载您的设置文件。该文件未被修改，也不会被覆盖。
settings-reset = 恢复默认设置…
settings-reset-question = 用默认设置替换该文件吗？会保留一份 .bak 副本。
settings-reset-confirm = 恢复
settings-error-generic = { $detail }
settings-expires-not-a-number = 请以秒数输入有效期。
settings-port-invalid = 端口是 0 到 65535 之间的数字。
# Audio page: volumes and where the phone rings
settings-audio-ringtone-volume = 铃声音量
settings-audio-call-volume = 通话音量（通话及其提示音）
settings-audio-ring-every-output = 在所有输出设备上响铃
settings-audio-own-ringtone = 始终使用 Handset 自带的铃声，而不是桌面的声音主题
settings-audio-voice-heading = 麦克风处理
settings-audio-echo-cancellation = 消除扬声器回声
settings-audio-noise-suppression = 抑制背景噪音
settings-audio-gain-control = 自动调节麦克风音量
settings-audio-test-tone = 播放测试音
settings-audio-test-microphone = 测试麦克风
settings-audio-test-playing-tone = 扬声器正在播放测试音…
settings-audio-test-recording = 正在录制五秒：请说话…
settings-audio-test-playing-back = 正在回放麦克风录到的声音…
settings-audio-test-done = 测试完成。
settings-audio-test-failed = 测试失败：{ $detail }
settings-audio-volume-percent = { $percent }%

## Config and password problems (keys from src/config)

config-account-display-name-too-long = 显示名称太长（{ $detail }）。
config-account-display-name-control-character = 显示名称中含有控制字符。
config-account-domain-empty = 请输入域名或注册服务器。
config-account-domain-invalid = 不是有效的主机：{ $detail }
config-account-duplicate = 该账户已存在（{ $detail }）。
config-account-expires-out-of-range = 请选择 60 到 86400 秒之间的有效期（{ $detail }）。
config-account-outbound-proxy-invalid = 不是有效的代理：{ $detail }
config-account-transport-disabled = 此传输方式已在网络设置中关闭（{ $detail }）。
config-account-user-empty = 请输入用户名。
config-account-user-invalid-character = 用户名中含有 SIP 不允许的字符（{ $detail }）。
config-account-codecs-empty = 请至少选择一个编解码器。
config-account-codecs-unknown = 未知的编解码器：{ $detail }
config-account-codecs-duplicate = 编解码器重复出现：{ $detail }
config-account-trusted-certificate-empty = 请选择证书文件。
config-account-trusted-certificate-missing = 证书文件不存在：{ $detail }
config-network-tls-port-same-as-sip-port = TLS 端口必须与 SIP 端口不同。
config-network-transports-none = 请至少保留一种传输方式开启。
config-network-keepalive-seconds-out-of-range = 保活间隔太长：{ $detail }。请使用 0（关闭）到 3600。
config-error-no-home = 没有可用于保存设置的主目录。
config-error-not-a-file = { $detail }
config-error-unreadable = { $detail }
config-error-corrupt = 设置文件已损坏：{ $detail }
config-error-too-new = 设置文件来自更新版本的 Handset：{ $detail }
config-error-save-refused = 未保存：{ $detail }
config-error-write = 无法保存：{ $detail }
secrets-error-unavailable = 没有可用的密钥环：{ $detail }
secrets-error-denied = 密钥环拒绝了访问：{ $detail }
secrets-error-file = { $detail }
secrets-error-corrupt-file = { $detail }
secrets-error-other = { $detail }

# Transport fields of the settings panel (trusted certificate, keep-alive).
settings-account-trusted-certificate = 受信任的证书（PEM 文件）
settings-account-trusted-certificate-placeholder = /path/to/server-certificate.pem
settings-account-trusted-certificate-hint = 仅用于系统不信任的 TLS 服务器，例如使用自签名证书的 PBX。否则请留空。
settings-network-keepalive = 保活间隔（秒，0 = 关闭）
settings-keepalive-not-a-number = 请以整数秒输入间隔，范围为 0（关闭）到 3600。
settings-network-dns-server = 用于 SIP 查询的域名服务器（留空：使用系统的）
settings-network-dns-server-placeholder = 系统的解析器
settings-dns-server-invalid = “{ $detail }”不是地址。请输入如 192.0.2.53 或 127.0.0.1:5353 的地址，或留空。
tls-read-trusted-certificate = 无法读取此证书文件：{ $detail }
tls-no-pem-certificate = 此文件不含 PEM 证书（-----BEGIN CERTIFICATE----- 块）：{ $detail }
tls-bad-trusted-certificate = 此文件不是可用的证书：{ $detail }

## Dates and times
# time-format 和 date-format 是 strftime 格式（jiff crate 的），只用数字。

time-format = %H:%M
date-format = %Y年%-m月%-d日
date-time = { $date } { $time }
when-today = { $time }
when-yesterday = 昨天 { $time }
when-weekday = { $weekday } { $time }
weekday-name = { $day ->
    [1] 星期一
    [2] 星期二
    [3] 星期三
    [4] 星期四
    [5] 星期五
    [6] 星期六
   *[7] 星期日
}

settings-certificate-checking = 正在检查证书…
settings-certificate-not-checked = 电话未在运行，因此无法检查此证书。

## Desktop notifications (the caller is a contact's name, else their address)

notify-incoming-summary = { $caller } 来电
notify-answer = 接听
notify-decline = 拒绝
notify-missed-summary = { $count ->
   *[other] { $caller } 的 { $count } 个未接来电
}
notify-call-back = 回拨
# Shown by the desktop (e.g. in a log-out dialog) as why the screen stays on.
inhibit-call-reason = 正在通话中
## Global shortcuts, as the desktop's dialog and settings name them (src/desktop)
shortcut-answer = 接听来电
shortcut-hang-up = 挂断（或拒接来电）
shortcut-mute = 静音或取消静音麦克风
## The tray icon, and links that dial (src/desktop)
tray-title = Handset
tray-starting = Handset 正在启动
tray-peer-to-peer = 可直接通话（无账户）
tray-registered = 已注册
tray-registering = 正在注册…
tray-failed = { $account } 未注册
tray-stopped = 电话未运行
tray-ringing = { $caller } 来电
tray-missed = { $count ->
   *[other] { $count } 个未接来电
}
tray-dnd-on = 勿扰模式已开启
tray-show = 显示 Handset
tray-hide = 隐藏 Handset
tray-dnd = 勿扰模式
tray-quit = 退出
link-not-callable = 无法呼叫 { $link }：Handset 可呼叫 sip:、sips:、tel: 和 callto: 链接。
link-busy = 请先挂断当前通话，再呼叫 { $link }。
autostart-failed = 无法更改登录时启动：{ $detail }
