# Handset, polski: widoki głównego okna (kontakty, historia, klawiatura).

## Left rail
rail-contacts = Kontakty
rail-history = Historia
rail-dialpad = Klawiatura

## Search
search-placeholder = Szukaj lub wybierz numer…
search-call-typed = Zadzwoń do { $address }

## Contacts
contacts-heading = Kontakty
contacts-new = Nowy kontakt
contacts-call = Zadzwoń
contacts-open = Szczegóły
contacts-favourites = Ulubione
contacts-empty = Nie ma jeszcze kontaktów. Dodaj kontakt przyciskiem „Nowy kontakt” albo upuść plik .vcf na okno, aby go zaimportować.
contacts-no-match = Nikt nie pasuje do „{ $query }”.
contacts-unreadable = { $count ->
    [one] Jednego pliku kontaktu nie udało się odczytać. Pozostawiono go bez zmian:
    [few] { $count } pliki kontaktów są nieczytelne. Pozostawiono je bez zmian:
    [many] { $count } plików kontaktów jest nieczytelnych. Pozostawiono je bez zmian:
   *[other] Nieczytelne pliki kontaktów: { $count }. Pozostawiono je bez zmian:
}
contacts-save-failed = Nie udało się zapisać kontaktu: { $detail }
contacts-import-unreadable = Nie udało się odczytać pliku { $file }: { $detail }
contacts-imported = Z pliku { $file }: dodano { $added }, scalono { $merged }, pominięto { $skipped }.
contacts-import-skipped = Pominięto: { $reasons }
contacts-export = Eksportuj wszystkie
contacts-exported = Wyeksportowano do { $file }. Kontakty: { $count }.
contacts-export-failed = Nie udało się wyeksportować kontaktów: { $detail }

## Address labels
label-work = Praca
label-mobile = Komórka
label-home = Dom
label-sip = SIP
label-other = Inny

## A contact's page
page-back = ‹ Wróć
contact-gone = Ten kontakt już nie istnieje.
contact-calls = Połączenia
contact-no-calls = Nie ma jeszcze połączeń z tym kontaktem.
contact-edit = Edytuj
contact-export = Eksportuj
contact-delete = Usuń
contact-delete-cancel = Zachowaj
contact-delete-confirm = Usunąć ten kontakt?
contact-favourite = ★ Ulubiony

## Adding or editing a contact
editor-heading-new = Nowy kontakt
editor-heading-edit = Edytuj kontakt
editor-name = Imię i nazwisko
editor-organisation = Organizacja
editor-address-placeholder = Numer lub adres SIP
editor-add-address = Dodaj numer lub adres
editor-favourite = Ulubiony
editor-note = Notatka
editor-error-no-name = Podaj imię i nazwisko kontaktu albo nazwę organizacji.
editor-cancel = Anuluj
editor-save = Zapisz

## History
history-heading = Historia
history-all = Wszystkie
history-missed = Nieodebrane
history-clear = Wyczyść wszystko
history-clear-confirm = Usunąć wszystkie połączenia z historii?
history-empty = Nie ma jeszcze połączeń.
history-no-missed = Brak nieodebranych połączeń.
history-call-back = Oddzwoń
history-add-contact = Dodaj
history-missed-at = { $when } · nieodebrane
history-lasted = { $when } · { $duration }
history-not-connected = { $when } · { $reason }
history-failed = Nie udało się zmienić historii połączeń: { $detail }

## Dial pad and calls
dialpad-placeholder = Numer lub adres
dialpad-invalid = To nie jest ani numer, ani adres SIP.
call-from-account = Dzwoń z konta
call-none = Brak trwającego połączenia.

## Window title while a call rings
app-title-ringing = { $caller } dzwoni — Handset
