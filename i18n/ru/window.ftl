# Handset, русский: экраны главного окна (контакты, журнал, номеронабиратель).

## Left rail
rail-contacts = Контакты
rail-history = Журнал
rail-dialpad = Клавиатура

## Search
search-placeholder = Найти или набрать…
search-call-typed = Позвонить: { $address }

## Contacts
contacts-heading = Контакты
contacts-new = Новый контакт
contacts-call = Позвонить
contacts-open = Подробнее
contacts-favourites = Избранное
contacts-empty = Контактов пока нет. Добавьте контакт кнопкой «Новый контакт» или перетащите файл .vcf в окно, чтобы импортировать его.
contacts-no-match = По запросу «{ $query }» никого не найдено.
contacts-unreadable = { $count ->
    [one] Не удалось прочитать { $count } файл контактов. Изменения не вносились:
    [few] Не удалось прочитать { $count } файла контактов. Изменения не вносились:
    [many] Не удалось прочитать { $count } файлов контактов. Изменения не вносились:
   *[other] Не удалось прочитать { $count } файла контактов. Изменения не вносились:
}
contacts-save-failed = Не удалось сохранить контакт: { $detail }
contacts-import-unreadable = Не удалось прочитать { $file }: { $detail }
contacts-imported = Импорт из { $file }: добавлено — { $added }, объединено — { $merged }, пропущено — { $skipped }.
contacts-import-skipped = Пропущено: { $reasons }
contacts-export = Экспортировать все
contacts-exported = Экспортировано в { $file }. Контактов: { $count }.
contacts-export-failed = Не удалось экспортировать контакты: { $detail }

## Address labels
label-work = Рабочий
label-mobile = Мобильный
label-home = Домашний
label-sip = SIP
label-other = Другой

## A contact's page
page-back = ‹ Назад
contact-gone = Этого контакта больше нет.
contact-calls = Звонки
contact-no-calls = С этим контактом пока не было звонков.
contact-edit = Изменить
contact-export = Экспорт
contact-delete = Удалить
contact-delete-cancel = Оставить
contact-delete-confirm = Удалить этот контакт?
contact-favourite = ★ В избранном

## Adding or editing a contact
editor-heading-new = Новый контакт
editor-heading-edit = Изменить контакт
editor-name = Имя
editor-organisation = Организация
editor-address-placeholder = Номер или SIP-адрес
editor-add-address = Добавить номер или адрес
editor-favourite = В избранном
editor-note = Заметка
editor-error-no-name = Укажите имя контакта или организацию.
editor-cancel = Отмена
editor-save = Сохранить

## History
history-heading = Журнал звонков
history-all = Все
history-missed = Пропущенные
history-clear = Очистить всё
history-clear-confirm = Удалить все звонки из журнала?
history-empty = Звонков пока нет.
history-no-missed = Пропущенных звонков нет.
history-call-back = Перезвонить
history-add-contact = Добавить
history-missed-at = { $when } · пропущен
history-lasted = { $when } · { $duration }
history-not-connected = { $when } · { $reason }
history-failed = Не удалось изменить журнал звонков: { $detail }

## Dial pad and calls
dialpad-placeholder = Номер или адрес
dialpad-invalid = Это не номер и не SIP-адрес.
call-from-account = Звонить с
call-none = Сейчас нет звонка.

## Window title while a call rings
app-title-ringing = { $caller } звонит — Handset
