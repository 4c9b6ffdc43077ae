# Handset, polski.
# Składnia Fluent (https://projectfluent.org). Te same klucze i zmienne co w
# en-US/handset.ftl; formy liczby mnogiej: [one], [few], [many] i *[other].

app-title = Handset

## Engine status

engine-starting = Uruchamianie telefonu…
engine-failed = Nie udało się uruchomić telefonu: { $detail }
engine-stopped = Telefon został zatrzymany. Uruchom ponownie Handset, aby dzwonić.
engine-error = Coś poszło nie tak: { $detail }

## Dialer

dialer-your-address = Inni mogą dzwonić do Ciebie pod adres
dialer-call = Zadzwoń

## In a call

call-state-calling = Łączenie…
call-state-ringing = Dzwoni…
call-state-incoming = Połączenie przychodzące
call-state-established = Połączono
call-state-ended = Połączenie zakończone
call-mute = Wycisz
call-unmute = Wyłącz wyciszenie
call-muted = Twój mikrofon jest wyciszony
call-hangup = Rozłącz
call-keypad = Klawiatura
call-keypad-hide = Ukryj klawiaturę
call-hanging-up = Rozłączanie…
call-codec = Kodek: { $codec }
call-devices = Dźwięk: { $device }
call-speaker = Głośnik
call-microphone = Mikrofon
call-audio-moved = Dźwięk rozmowy przeniesiono na { $device }
call-audio-reopened = Urządzenie dźwiękowe przestało działać; rozmowa trwa dalej na { $device }
call-audio-refused = Nie udało się zmienić urządzenia dźwiękowego: { $detail }

## Incoming call

incoming-heading = Połączenie przychodzące
incoming-to = do { $to }
incoming-answer = Odbierz
incoming-decline = Odrzuć
incoming-answering = Odbieranie…

## Ended-call notice

ended-heading = Połączenie z { $remote } zakończone
ended-duration = Czas trwania { $duration }
ended-dismiss = OK

## Why a call ended

end-local-hangup = Połączenie zakończone przez Ciebie.
end-remote-hangup = Rozmówca się rozłączył.
end-caller-cancelled = Dzwoniący zrezygnował przed odebraniem połączenia.
end-declined = Połączenie zostało odrzucone.
end-busy = Rozmówca jest zajęty.
end-rejected = Połączenie nie zostało przyjęte ({ $code } { $text }).
end-no-response = Rozmówca nie odpowiedział.
end-media-incompatible = Oba telefony nie mogły uzgodnić formatu dźwięku.
end-bad-target = Nie można zadzwonić pod ten adres: { $detail }
end-transport-error = Awaria sieci: { $detail }
end-audio-error = Nie można użyć urządzenia dźwiękowego: { $detail }
end-unanswered = Nikt nie odebrał, więc połączenie przestało dzwonić.
end-do-not-disturb = Tryb „Nie przeszkadzać” odrzucił połączenie.
end-unknown = Połączenie zostało zakończone.

## Settings panel

settings-open = Ustawienia
settings-heading = Ustawienia
settings-close = Wróć
settings-tab-accounts = Konta
settings-tab-audio = Dźwięk
settings-tab-network = Sieć
settings-tab-general = Ogólne
settings-no-accounts = Nie ma jeszcze kont. Bez konta Handset dzwoni bezpośrednio z urządzenia do urządzenia.
settings-add-account = Dodaj konto
settings-edit = Edytuj
settings-delete = Usuń
settings-delete-question = Usunąć { $account }? Jego hasło również zostanie zapomniane.
settings-delete-confirm = Usuń
settings-cancel = Anuluj
settings-save = Zapisz
settings-set-default = Ustaw jako domyślne
settings-default = domyślne
settings-form-add = Nowe konto
settings-form-edit = Edytuj konto
settings-account-display-name = Nazwa wyświetlana
settings-account-user = Użytkownik
settings-account-domain = Domena lub rejestrator
settings-account-auth-user = Użytkownik do uwierzytelniania (jeśli inny)
settings-account-password = Hasło
settings-account-proxy = Serwer proxy dla połączeń wychodzących
settings-account-expires = Ważność rejestracji (sekundy)
settings-account-transport = Transport
settings-account-transport-auto = Automatycznie (DNS)
settings-account-register = Rejestruj
settings-account-enabled = Włączone
settings-account-disabled = Wyłączone
settings-account-codecs = Kodeki (najlepszy pierwszy; wyłączone kodeki nie są nigdy używane)
settings-codec-up = W górę
settings-codec-down = W dół
settings-storage-unavailable = Nie działa żaden pęk kluczy (Secret Service), więc hasła nie da się bezpiecznie przechować ({ $detail }). Gdzie je zapisać?
settings-storage-ask = Pytaj przy każdym uruchomieniu
settings-storage-file = W pliku, który tylko ja mogę odczytać
settings-enter-password = Hasło…

## Ask at each start: the password prompt

password-prompt-heading = Wymagane hasło
password-prompt-account = Wpisz hasło do { $account }, aby zarejestrować konto.
password-prompt-explain = Jest przechowywane w pamięci do zamknięcia Handset i nigdy nie jest zapisywane na dysku.
password-prompt-placeholder = Hasło
password-prompt-ok = OK
password-prompt-later = Później
password-prompt-refused = Rejestrator odrzucił to hasło. Wpisz je ponownie.
password-prompt-waiting = { $count ->
    [one] Jeszcze jedno konto czeka na hasło.
    [few] Jeszcze { $count } konta czekają na hasła.
    [many] Jeszcze { $count } kont czeka na hasła.
   *[other] Jeszcze { $count } konta czeka na hasła.
}

## The account list: registration state

settings-registration-off = Bez rejestracji
settings-registration-registering = Rejestrowanie…
settings-registration-registered = Zarejestrowane do { $time }
settings-registration-failed = Niepowodzenie: { $reason }
settings-registration-unknown = Oczekiwanie na telefon…
registration-failure-credentials = błędna nazwa użytkownika lub hasło
registration-failure-no-password = nie zapisano hasła
registration-failure-no-response = rejestrator nie odpowiedział
registration-failure-network = problem z siecią ({ $detail })
registration-failure-certificate = certyfikat serwera nie jest zaufany ({ $detail })
registration-failure-rejected = odrzucone przez rejestrator ({ $code } { $text })
registration-failure-challenge = nie udało się zrozumieć żądania uwierzytelnienia od rejestratora ({ $detail })

## Audio, network and general pages

settings-audio-input = Mikrofon
settings-audio-output = Głośnik
settings-audio-ringer = Dzwonek
settings-audio-default = Domyślne systemowe
settings-network-sip-port = Port SIP (UDP i TCP; 0 wybiera wolny)
settings-network-tls-port = Port TLS
settings-network-transports = Protokoły transportowe
settings-general-auto-answer = Odbieraj połączenia automatycznie
settings-general-start-minimised = Uruchamiaj zminimalizowany
settings-general-close-to-tray = Zamknięcie okna zostawia Handset w zasobniku systemowym
settings-general-autostart = Uruchamiaj po zalogowaniu, w tle
settings-general-dnd = Nie przeszkadzać
settings-general-global-shortcuts = Skróty globalne: odbieranie, rozłączanie i wyciszanie z dowolnego okna
settings-general-global-shortcuts-off = Po włączeniu środowisko pulpitu poprosi o potwierdzenie klawiszy.
settings-general-global-shortcuts-binding = Pytanie środowiska pulpitu o klawisze…
settings-general-global-shortcuts-bound = { $action }: { $keys }
settings-general-global-shortcuts-no-keys = { $action }: jeszcze bez klawiszy; wybierz je w ustawieniach środowiska pulpitu
settings-general-global-shortcuts-bound-unlisted = Środowisko pulpitu ustawiło skróty; jego ustawienia pokazują klawisze.
settings-general-global-shortcuts-unavailable = To środowisko pulpitu nie ma skrótów globalnych (nie oferuje portalu XDG GlobalShortcuts).
settings-general-global-shortcuts-refused = Środowisko pulpitu nie ustawiło skrótów. Wyłącz je i włącz ponownie, aby zapytało jeszcze raz.
settings-general-allow-direct = Zezwalaj na bezpośrednie połączenia peer-to-peer (nie przez konto)
settings-general-ring-timeout = Przestań dzwonić po
settings-general-ring-timeout-seconds = { $seconds } s
settings-general-language = Język
settings-general-language-system = Język systemu
settings-general-theme = Kolory
settings-general-theme-system = Jak w środowisku pulpitu
settings-general-theme-light = Jasne
settings-general-theme-dark = Ciemne
settings-general-country = Kraj dla numerów lokalnych (dwie litery, np. PL lub DE)
settings-general-country-placeholder = PL
settings-general-country-invalid = Wpisz dwuliterowy kod kraju, np. PL, DE lub US, albo zostaw pole puste.
settings-load-failed = Nie udało się wczytać pliku ustawień. Nie został zmieniony i nic nie zostanie w nim nadpisane.
settings-reset = Przywróć domyślne…
settings-reset-question = Zastąpić plik ustawieniami domyślnymi? Kopia zostanie zachowana jako .bak.
settings-reset-confirm = Przywróć
settings-error-generic = { $detail }
settings-expires-not-a-number = Wpisz ważność jako liczbę sekund.
settings-port-invalid = Port to liczba od 0 do 65535.
# Audio page: volumes and where the phone rings
settings-audio-ringtone-volume = Głośność dzwonka
settings-audio-call-volume = Głośność rozmowy (rozmowa i jej sygnały)
settings-audio-ring-every-output = Dzwoń na wszystkich urządzeniach wyjściowych
settings-audio-own-ringtone = Zawsze dzwoń własnym dzwonkiem Handset, a nie z motywu dźwiękowego pulpitu
settings-audio-voice-heading = Oczyszczanie dźwięku z mikrofonu
settings-audio-echo-cancellation = Usuwaj echo z głośnika
settings-audio-noise-suppression = Tłum szumy tła
settings-audio-gain-control = Wyrównuj głośność mikrofonu
settings-audio-test-tone = Odtwórz dźwięk testowy
settings-audio-test-microphone = Przetestuj mikrofon
settings-audio-test-playing-tone = Dźwięk gra w głośniku…
settings-audio-test-recording = Nagrywanie pięciu sekund: powiedz coś…
settings-audio-test-playing-back = Odtwarzanie tego, co usłyszał mikrofon…
settings-audio-test-done = Test zakończony.
settings-audio-test-failed = Test się nie udał: { $detail }
settings-audio-volume-percent = { $percent }%

## Config and password problems (keys from src/config)

config-account-display-name-too-long = Nazwa wyświetlana jest za długa ({ $detail }).
config-account-display-name-control-character = Nazwa wyświetlana zawiera znak sterujący.
config-account-domain-empty = Wpisz domenę lub rejestrator.
config-account-domain-invalid = Nieprawidłowy host: { $detail }
config-account-duplicate = To konto już istnieje ({ $detail }).
config-account-expires-out-of-range = Wybierz ważność od 60 do 86400 sekund ({ $detail }).
config-account-outbound-proxy-invalid = Nieprawidłowy serwer proxy: { $detail }
config-account-transport-disabled = Ten protokół transportowy jest wyłączony w ustawieniach sieci ({ $detail }).
config-account-user-empty = Wpisz nazwę użytkownika.
config-account-user-invalid-character = Nazwa użytkownika zawiera znak niedozwolony w SIP ({ $detail }).
config-account-codecs-empty = Wybierz co najmniej jeden kodek.
config-account-codecs-unknown = Nieznany kodek: { $detail }
config-account-codecs-duplicate = Kodek występuje na liście dwa razy: { $detail }
config-account-trusted-certificate-empty = Wybierz plik certyfikatu.
config-account-trusted-certificate-missing = Brak pliku certyfikatu: { $detail }
config-network-tls-port-same-as-sip-port = Port TLS musi być inny niż port SIP.
config-network-transports-none = Pozostaw włączony co najmniej jeden protokół transportowy.
config-network-keepalive-seconds-out-of-range = Odstęp keep-alive jest za długi: { $detail }. Użyj wartości od 0 (wyłączone) do 3600.
config-error-no-home = Nie ma katalogu domowego, w którym można zapisać ustawienia.
config-error-not-a-file = { $detail }
config-error-unreadable = { $detail }
config-error-corrupt = Plik ustawień jest uszkodzony: { $detail }
config-error-too-new = Plik ustawień pochodzi z nowszej wersji Handset: { $detail }
config-error-save-refused = Nie zapisano: { $detail }
config-error-write = Nie udało się zapisać: { $detail }
secrets-error-unavailable = Brak dostępnego pęku kluczy: { $detail }
secrets-error-denied = Pęk kluczy odmówił dostępu: { $detail }
secrets-error-file = { $detail }
secrets-error-corrupt-file = { $detail }
secrets-error-other = { $detail }

# Transport fields of the settings panel (trusted certificate, keep-alive).
settings-account-trusted-certificate = Zaufany certyfikat (plik PEM)
settings-account-trusted-certificate-placeholder = /ścieżka/do/certyfikatu-serwera.pem
settings-account-trusted-certificate-hint = Tylko dla serwera TLS, któremu system nie ufa, na przykład centrali z certyfikatem z podpisem własnym. W przeciwnym razie zostaw puste.
settings-network-keepalive = Odstęp keep-alive (sekundy, 0 = wyłączone)
settings-keepalive-not-a-number = Wpisz odstęp jako całkowitą liczbę sekund, od 0 (wyłączone) do 3600.
settings-network-dns-server = Serwer nazw dla zapytań SIP (puste: systemowy)
settings-network-dns-server-placeholder = systemowy resolver
settings-dns-server-invalid = „{ $detail }” nie jest adresem. Wpisz adres taki jak 192.0.2.53 lub 127.0.0.1:5353 albo zostaw pole puste.
tls-read-trusted-certificate = Nie można odczytać tego pliku certyfikatu: { $detail }
tls-no-pem-certificate = Ten plik nie zawiera certyfikatu PEM (bloku -----BEGIN CERTIFICATE-----): { $detail }
tls-bad-trusted-certificate = Ten plik nie jest użytecznym certyfikatem: { $detail }

## Dates and times
# time-format i date-format to wzorce strftime (z crate jiff), tylko z liczbami.

time-format = %H:%M
date-format = %d.%m.%Y
date-time = { $date } { $time }
when-today = { $time }
when-yesterday = Wczoraj { $time }
when-weekday = { $weekday } { $time }
weekday-name = { $day ->
    [1] Poniedziałek
    [2] Wtorek
    [3] Środa
    [4] Czwartek
    [5] Piątek
    [6] Sobota
   *[7] Niedziela
}

settings-certificate-checking = Sprawdzanie certyfikatu…
settings-certificate-not-checked = Telefon nie działa, więc nie można sprawdzić tego certyfikatu.

## Desktop notifications (the caller is a contact's name, else their address)

notify-incoming-summary = Połączenie przychodzące od { $caller }
notify-answer = Odbierz
notify-decline = Odrzuć
notify-missed-summary = { $count ->
    [one] Nieodebrane połączenie od { $caller }
    [few] { $count } nieodebrane połączenia od { $caller }
   *[other] { $count } nieodebranych połączeń od { $caller }
}
notify-call-back = Oddzwoń
# Shown by the desktop (e.g. in a log-out dialog) as why the screen stays on.
inhibit-call-reason = Trwa połączenie
## Global shortcuts, as the desktop's dialog and settings name them (src/desktop)
shortcut-answer = Odbierz dzwoniące połączenie
shortcut-hang-up = Rozłącz (lub odrzuć dzwoniące połączenie)
shortcut-mute = Wycisz lub włącz mikrofon
## The tray icon, and links that dial (src/desktop)
tray-title = Handset
tray-starting = Handset się uruchamia
tray-peer-to-peer = Gotowy do połączeń bezpośrednich (bez konta)
tray-registered = Zarejestrowany
tray-registering = Rejestrowanie…
tray-failed = Konto { $account } nie jest zarejestrowane
tray-stopped = Telefon nie działa
tray-ringing = Dzwoni { $caller }
tray-missed = { $count ->
    [one] Jedno nieodebrane połączenie
    [few] { $count } nieodebrane połączenia
   *[other] { $count } nieodebranych połączeń
}
tray-dnd-on = Tryb „Nie przeszkadzać” jest włączony
tray-show = Pokaż Handset
tray-hide = Ukryj Handset
tray-dnd = Nie przeszkadzać
tray-quit = Zakończ
link-not-callable = Nie można zadzwonić pod { $link }: Handset obsługuje łącza sip:, sips:, tel: i callto:.
link-busy = Zakończ trwające połączenie, zanim zadzwonisz pod { $link }.
autostart-failed = Nie udało się zmienić uruchamiania po zalogowaniu: { $detail }
