# Handset, русский.
# Синтаксис Fluent (https://projectfluent.org). Те же ключи и переменные, что в
# en-US/handset.ftl; формы множественного числа: [one], [few], [many] и *[other].

app-title = Handset

## Engine status

engine-starting = Запуск телефона…
engine-failed = Не удалось запустить телефон: { $detail }
engine-stopped = Телефон остановлен. Перезапустите Handset, чтобы звонить.
engine-error = Что-то пошло не так: { $detail }

## Dialer

dialer-your-address = Вам можно позвонить по адресу
dialer-call = Позвонить

## In a call

call-state-calling = Вызов…
call-state-ringing = Идёт вызов…
call-state-incoming = Входящий звонок
call-state-established = Соединено
call-state-ended = Звонок завершён
call-mute = Выключить микрофон
call-unmute = Включить микрофон
call-muted = Ваш микрофон выключен
call-hangup = Положить трубку
call-keypad = Клавиатура
call-keypad-hide = Скрыть клавиатуру
call-hanging-up = Завершение звонка…
call-codec = Кодек: { $codec }
call-devices = Звук: { $device }
call-speaker = Динамик
call-microphone = Микрофон
call-audio-moved = Звук звонка переключён на { $device }
call-audio-reopened = Звуковое устройство перестало работать; звонок продолжается через { $device }
call-audio-refused = Не удалось сменить звуковое устройство: { $detail }

## Incoming call

incoming-heading = Входящий звонок
incoming-to = на { $to }
incoming-answer = Ответить
incoming-decline = Отклонить
incoming-answering = Ответ на звонок…

## Ended-call notice

ended-heading = Звонок с { $remote } завершён
ended-duration = Длительность { $duration }
ended-dismiss = ОК

## Why a call ended

end-local-hangup = Вы завершили звонок.
end-remote-hangup = Собеседник положил трубку.
end-caller-cancelled = Звонивший сбросил вызов до того, как вы ответили.
end-declined = Звонок отклонён.
end-busy = Собеседник занят.
end-rejected = В звонке отказано ({ $code } { $text }).
end-no-response = Собеседник не ответил.
end-media-incompatible = Телефоны не смогли договориться о формате звука.
end-bad-target = По этому адресу позвонить нельзя: { $detail }
end-transport-error = Сбой сети: { $detail }
end-audio-error = Не удалось использовать звуковое устройство: { $detail }
end-unanswered = Никто не ответил, поэтому звонок прекратился.
end-do-not-disturb = Режим «Не беспокоить» отклонил вызов.
end-unknown = Звонок завершён.

## Settings panel

settings-open = Настройки
settings-heading = Настройки
settings-close = Назад
settings-tab-accounts = Учётные записи
settings-tab-audio = Звук
settings-tab-network = Сеть
settings-tab-general = Общие
settings-no-accounts = Учётных записей пока нет. Без них Handset звонит напрямую, с устройства на устройство.
settings-add-account = Добавить учётную запись
settings-edit = Изменить
settings-delete = Удалить
settings-delete-question = Удалить { $account }? Её пароль тоже будет забыт.
settings-delete-confirm = Удалить
settings-cancel = Отмена
settings-save = Сохранить
settings-set-default = Сделать основной
settings-default = основная
settings-form-add = Новая учётная запись
settings-form-edit = Изменить учётную запись
settings-account-display-name = Отображаемое имя
settings-account-user = Пользователь
settings-account-domain = Домен или регистратор
settings-account-auth-user = Имя для аутентификации (если отличается)
settings-account-password = Пароль
settings-account-proxy = Исходящий прокси
settings-account-expires = Срок регистрации (секунды)
settings-account-transport = Транспорт
settings-account-transport-auto = Автоматически (DNS)
settings-account-register = Регистрироваться
settings-account-enabled = Включена
settings-account-disabled = Выключена
settings-account-codecs = Кодеки (лучший первым; выключенные кодеки не используются)
settings-codec-up = Выше
settings-codec-down = Ниже
settings-storage-unavailable = Связка ключей (Secret Service) не запущена, поэтому пароль нельзя сохранить надёжно ({ $detail }). Где его хранить?
settings-storage-ask = Спрашивать при каждом запуске
settings-storage-file = В файле, который могу читать только я
settings-enter-password = Пароль…

## Ask at each start: the password prompt

password-prompt-heading = Нужен пароль
password-prompt-account = Введите пароль для { $account }, чтобы зарегистрировать учётную запись.
password-prompt-explain = Он хранится в памяти до выхода из Handset и никогда не записывается на диск.
password-prompt-placeholder = Пароль
password-prompt-ok = ОК
password-prompt-later = Позже
password-prompt-refused = Регистратор отклонил этот пароль. Введите его ещё раз.
password-prompt-waiting = { $count ->
    [one] Ещё { $count } учётная запись ждёт пароля.
    [few] Ещё { $count } учётные записи ждут пароля.
    [many] Ещё { $count } учётных записей ждут пароля.
   *[other] Ещё { $count } учётной записи ждут пароля.
}

## The account list: registration state

settings-registration-off = Без регистрации
settings-registration-registering = Регистрация…
settings-registration-registered = Зарегистрирована до { $time }
settings-registration-failed = Ошибка: { $reason }
settings-registration-unknown = Ожидание телефона…
registration-failure-credentials = неверное имя пользователя или пароль
registration-failure-no-password = пароль не сохранён
registration-failure-no-response = регистратор не ответил
registration-failure-network = проблема с сетью ({ $detail })
registration-failure-certificate = сертификату сервера нет доверия ({ $detail })
registration-failure-rejected = отказ регистратора ({ $code } { $text })
registration-failure-challenge = не удалось разобрать запрос аутентификации от регистратора ({ $detail })

## Audio, network and general pages

settings-audio-input = Микрофон
settings-audio-output = Динамик
settings-audio-ringer = Звонок
settings-audio-default = По умолчанию в системе
settings-network-sip-port = Порт SIP (UDP и TCP; 0 — любой свободный)
settings-network-tls-port = Порт TLS
settings-network-transports = Транспорты
settings-general-auto-answer = Отвечать на звонки автоматически
settings-general-start-minimised = Запускать свёрнутым
settings-general-close-to-tray = При закрытии окна Handset остаётся в системном лотке
settings-general-autostart = Запускать при входе в систему, в фоне
settings-general-dnd = Не беспокоить
settings-general-global-shortcuts = Глобальные сочетания клавиш: ответить, завершить и выключить микрофон из любого окна
settings-general-global-shortcuts-off = При включении рабочий стол попросит подтвердить клавиши.
settings-general-global-shortcuts-binding = Запрос клавиш у рабочего стола…
settings-general-global-shortcuts-bound = { $action }: { $keys }
settings-general-global-shortcuts-no-keys = { $action }: клавиши ещё не назначены; выберите их в настройках рабочего стола
settings-general-global-shortcuts-bound-unlisted = Рабочий стол настроил сочетания; клавиши видны в его настройках.
settings-general-global-shortcuts-unavailable = У этого рабочего стола нет глобальных сочетаний клавиш (он не предоставляет портал XDG GlobalShortcuts).
settings-general-global-shortcuts-refused = Рабочий стол не настроил сочетания. Выключите и снова включите их, чтобы он спросил ещё раз.
settings-general-allow-direct = Разрешить прямые одноранговые звонки (не через учётную запись)
settings-general-ring-timeout = Прекратить звонок через
settings-general-ring-timeout-seconds = { $seconds } с
settings-general-language = Язык
settings-general-language-system = Язык системы
settings-general-theme = Оформление
settings-general-theme-system = Как в системе
settings-general-theme-light = Светлое
settings-general-theme-dark = Тёмное
settings-general-country = Страна для местных номеров (две буквы, например RU или BY)
settings-general-country-placeholder = RU
settings-general-country-invalid = Введите двухбуквенный код страны, например RU, BY или KZ, или оставьте поле пустым.
settings-load-failed = Не удалось загрузить файл настроек. Он не изменён, и ничего не будет записано поверх него.
settings-reset = Сбросить настройки…
settings-reset-question = Заменить файл настройками по умолчанию? Копия останется в файле .bak.
settings-reset-confirm = Сбросить
settings-error-generic = { $detail }
settings-expires-not-a-number = Введите срок числом секунд.
settings-port-invalid = Порт — это число от 0 до 65535.
# Audio page: volumes and where the phone rings
settings-audio-ringtone-volume = Громкость звонка
settings-audio-call-volume = Громкость разговора (разговор и его сигналы)
settings-audio-ring-every-output = Звонить на всех устройствах вывода
settings-audio-own-ringtone = Всегда звонить собственной мелодией Handset, а не звуковой темой рабочего стола
settings-audio-voice-heading = Обработка микрофона
settings-audio-echo-cancellation = Подавлять эхо от динамика
settings-audio-noise-suppression = Подавлять фоновый шум
settings-audio-gain-control = Выравнивать громкость микрофона
settings-audio-test-tone = Воспроизвести тестовый сигнал
settings-audio-test-microphone = Проверить микрофон
settings-audio-test-playing-tone = В динамике звучит сигнал…
settings-audio-test-recording = Запись пяти секунд: скажите что-нибудь…
settings-audio-test-playing-back = Воспроизводится то, что услышал микрофон…
settings-audio-test-done = Проверка завершена.
settings-audio-test-failed = Проверка не удалась: { $detail }
settings-audio-volume-percent = { $percent } %

## Config and password problems (keys from src/config)

config-account-display-name-too-long = Отображаемое имя слишком длинное ({ $detail }).
config-account-display-name-control-character = В отображаемом имени есть управляющий символ.
config-account-domain-empty = Введите домен или регистратор.
config-account-domain-invalid = Недопустимый узел: { $detail }
config-account-duplicate = Такая учётная запись уже есть ({ $detail }).
config-account-expires-out-of-range = Выберите срок от 60 до 86400 секунд ({ $detail }).
config-account-outbound-proxy-invalid = Недопустимый прокси: { $detail }
config-account-transport-disabled = Этот транспорт выключен в настройках сети ({ $detail }).
config-account-user-empty = Введите имя пользователя.
config-account-user-invalid-character = В имени пользователя есть символ, который SIP не допускает ({ $detail }).
config-account-codecs-empty = Выберите хотя бы один кодек.
config-account-codecs-unknown = Неизвестный кодек: { $detail }
config-account-codecs-duplicate = Кодек указан дважды: { $detail }
config-account-trusted-certificate-empty = Выберите файл сертификата.
config-account-trusted-certificate-missing = Файл сертификата не найден: { $detail }
config-network-tls-port-same-as-sip-port = Порт TLS должен отличаться от порта SIP.
config-network-transports-none = Оставьте включённым хотя бы один транспорт.
config-network-keepalive-seconds-out-of-range = Интервал keep-alive слишком большой: { $detail }. Допустимо от 0 (выключено) до 3600.
config-error-no-home = Нет домашней папки, где можно хранить настройки.
config-error-not-a-file = { $detail }
config-error-unreadable = { $detail }
config-error-corrupt = Файл настроек повреждён: { $detail }
config-error-too-new = Файл настроек создан более новой версией Handset: { $detail }
config-error-save-refused = Не сохранено: { $detail }
config-error-write = Не удалось сохранить: { $detail }
secrets-error-unavailable = Связка ключей недоступна: { $detail }
secrets-error-denied = Связка ключей отказала в доступе: { $detail }
secrets-error-file = { $detail }
secrets-error-corrupt-file = { $detail }
secrets-error-other = { $detail }

# Transport fields of the settings panel (trusted certificate, keep-alive).
settings-account-trusted-certificate = Доверенный сертификат (файл PEM)
settings-account-trusted-certificate-placeholder = /путь/к/сертификату-сервера.pem
settings-account-trusted-certificate-hint = Только для TLS-сервера, которому ваша система не доверяет, например АТС с самоподписанным сертификатом. В остальных случаях оставьте пустым.
settings-network-keepalive = Интервал keep-alive (секунды, 0 — выключено)
settings-keepalive-not-a-number = Введите интервал целым числом секунд, от 0 (выключено) до 3600.
settings-network-dns-server = DNS-сервер для запросов SIP (пусто — системный)
settings-network-dns-server-placeholder = системный резолвер
settings-dns-server-invalid = «{ $detail }» — не адрес. Введите адрес вроде 192.0.2.53 или 127.0.0.1:5353 или оставьте поле пустым.
tls-read-trusted-certificate = Не удаётся прочитать этот файл сертификата: { $detail }
tls-no-pem-certificate = В этом файле нет сертификата PEM (блока -----BEGIN CERTIFICATE-----): { $detail }
tls-bad-trusted-certificate = Этот файл не является пригодным сертификатом: { $detail }

## Dates and times
# time-format и date-format — шаблоны strftime (крейта jiff), только числа.

time-format = %H:%M
date-format = %d.%m.%Y
date-time = { $date } { $time }
when-today = { $time }
when-yesterday = Вчера { $time }
when-weekday = { $weekday } { $time }
weekday-name = { $day ->
    [1] Понедельник
    [2] Вторник
    [3] Среда
    [4] Четверг
    [5] Пятница
    [6] Суббота
   *[7] Воскресенье
}

settings-certificate-checking = Проверка сертификата…
settings-certificate-not-checked = Телефон не запущен, поэтому этот сертификат нельзя проверить.

## Desktop notifications (the caller is a contact's name, else their address)

notify-incoming-summary = Входящий вызов от { $caller }
notify-answer = Ответить
notify-decline = Отклонить
notify-missed-summary = { $count ->
    [one] { $count } пропущенный вызов от { $caller }
    [few] { $count } пропущенных вызова от { $caller }
   *[other] { $count } пропущенных вызовов от { $caller }
}
notify-call-back = Перезвонить
# Shown by the desktop (e.g. in a log-out dialog) as why the screen stays on.
inhibit-call-reason = Идёт вызов
## Global shortcuts, as the desktop's dialog and settings name them (src/desktop)
shortcut-answer = Ответить на входящий вызов
shortcut-hang-up = Завершить вызов (или отклонить входящий)
shortcut-mute = Выключить или включить микрофон
## The tray icon, and links that dial (src/desktop)
tray-title = Handset
tray-starting = Handset запускается
tray-peer-to-peer = Готов к прямым звонкам (без учётной записи)
tray-registered = Зарегистрирован
tray-registering = Регистрация…
tray-failed = Учётная запись { $account } не зарегистрирована
tray-stopped = Телефон не работает
tray-ringing = Звонит { $caller }
tray-missed = { $count ->
    [one] { $count } пропущенный звонок
    [few] { $count } пропущенных звонка
   *[other] { $count } пропущенных звонков
}
tray-dnd-on = Режим «Не беспокоить» включён
tray-show = Показать Handset
tray-hide = Скрыть Handset
tray-dnd = Не беспокоить
tray-quit = Выйти
link-not-callable = Невозможно позвонить по { $link }: Handset звонит по ссылкам sip:, sips:, tel: и callto:.
link-busy = Завершите текущий звонок, прежде чем звонить по { $link }.
autostart-failed = Не удалось изменить запуск при входе в систему: { $detail }
