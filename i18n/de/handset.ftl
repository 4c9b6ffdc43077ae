# Handset, Deutsch.
# Fluent-Syntax (https://projectfluent.org). Dieselben Schlüssel und Platzhalter wie in
# en-US/handset.ftl; Pluralformen: [one] und *[other].

app-title = Handset

## Engine status

engine-starting = Das Telefon startet…
engine-failed = Das Telefon konnte nicht starten: { $detail }
engine-stopped = Das Telefon wurde beendet. Starten Sie Handset neu, um zu telefonieren.
engine-error = Etwas ist schiefgegangen: { $detail }

## Dialer

dialer-your-address = Sie sind erreichbar unter
dialer-call = Anrufen

## In a call

call-state-calling = Anruf wird aufgebaut…
call-state-ringing = Es klingelt…
call-state-incoming = Eingehender Anruf
call-state-established = Verbunden
call-state-ended = Anruf beendet
call-mute = Stumm
call-unmute = Ton an
call-muted = Ihr Mikrofon ist stummgeschaltet
call-hangup = Auflegen
call-keypad = Tastenfeld
call-keypad-hide = Tastenfeld ausblenden
call-hanging-up = Wird aufgelegt…
call-codec = Codec: { $codec }
call-devices = Ton: { $device }
call-speaker = Lautsprecher
call-microphone = Mikrofon
call-audio-moved = Gesprächston wechselte zu { $device }
call-audio-reopened = Das Audiogerät funktioniert nicht mehr; das Gespräch läuft weiter über { $device }
call-audio-refused = Audiogerät konnte nicht gewechselt werden: { $detail }

## Incoming call

incoming-heading = Eingehender Anruf
incoming-to = an { $to }
incoming-answer = Annehmen
incoming-decline = Ablehnen
incoming-answering = Wird angenommen…

## Ended-call notice

ended-heading = Anruf mit { $remote } beendet
ended-duration = Dauer { $duration }
ended-dismiss = OK

## Why a call ended

end-local-hangup = Sie haben aufgelegt.
end-remote-hangup = Die Gegenseite hat aufgelegt.
end-caller-cancelled = Der Anrufer hat aufgelegt, bevor Sie angenommen haben.
end-declined = Der Anruf wurde abgelehnt.
end-busy = Bei der Gegenseite ist besetzt.
end-rejected = Der Anruf wurde abgewiesen ({ $code } { $text }).
end-no-response = Die Gegenseite hat nicht geantwortet.
end-media-incompatible = Die beiden Telefone konnten sich auf kein Audioformat einigen.
end-bad-target = Diese Adresse kann nicht angerufen werden: { $detail }
end-transport-error = Das Netzwerk ist ausgefallen: { $detail }
end-audio-error = Das Audiogerät konnte nicht verwendet werden: { $detail }
end-unanswered = Niemand hat abgenommen, daher hat der Anruf aufgehört zu klingeln.
end-do-not-disturb = „Nicht stören“ hat den Anruf abgewiesen.
end-unknown = Der Anruf wurde beendet.

## Settings panel

settings-open = Einstellungen
settings-heading = Einstellungen
settings-close = Zurück
settings-tab-accounts = Konten
settings-tab-audio = Audio
settings-tab-network = Netzwerk
settings-tab-general = Allgemein
settings-no-accounts = Noch keine Konten. Ohne Konto telefoniert Handset direkt von Gerät zu Gerät.
settings-add-account = Konto hinzufügen
settings-edit = Bearbeiten
settings-delete = Löschen
settings-delete-question = { $account } löschen? Auch das Passwort wird vergessen.
settings-delete-confirm = Löschen
settings-cancel = Abbrechen
settings-save = Speichern
settings-set-default = Als Standard festlegen
settings-default = Standard
settings-form-add = Neues Konto
settings-form-edit = Konto bearbeiten
settings-account-display-name = Anzeigename
settings-account-user = Benutzer
settings-account-domain = Domain oder Registrar
settings-account-auth-user = Anmeldename (falls abweichend)
settings-account-password = Passwort
settings-account-proxy = Ausgehender Proxy
settings-account-expires = Gültigkeit der Registrierung (Sekunden)
settings-account-transport = Transport
settings-account-transport-auto = Automatisch (DNS)
settings-account-register = Registrieren
settings-account-enabled = Aktiviert
settings-account-disabled = Deaktiviert
settings-account-codecs = Codecs (der beste zuerst; ausgeschaltete Codecs werden nie verwendet)
settings-codec-up = Nach oben
settings-codec-down = Nach unten
settings-storage-unavailable = Es läuft kein Schlüsselbund (Secret Service), daher kann das Passwort nicht sicher aufbewahrt werden ({ $detail }). Wo soll es gespeichert werden?
settings-storage-ask = Bei jedem Start fragen
settings-storage-file = In einer Datei, die nur ich lesen kann
settings-enter-password = Passwort…

## Ask at each start: the password prompt

password-prompt-heading = Passwort erforderlich
password-prompt-account = Geben Sie das Passwort für { $account } ein, um das Konto zu registrieren.
password-prompt-explain = Es bleibt im Arbeitsspeicher, bis Handset beendet wird, und wird nie auf die Festplatte geschrieben.
password-prompt-placeholder = Passwort
password-prompt-ok = OK
password-prompt-later = Später
password-prompt-refused = Der Registrar hat dieses Passwort abgelehnt. Geben Sie es erneut ein.
password-prompt-waiting = { $count ->
    [one] Ein weiteres Konto wartet auf sein Passwort.
   *[other] { $count } weitere Konten warten auf ihr Passwort.
}

## The account list: registration state

settings-registration-off = Keine Registrierung
settings-registration-registering = Wird registriert…
settings-registration-registered = Registriert bis { $time }
settings-registration-failed = Fehlgeschlagen: { $reason }
settings-registration-unknown = Warten auf das Telefon…
registration-failure-credentials = falscher Benutzername oder falsches Passwort
registration-failure-no-password = kein Passwort gespeichert
registration-failure-no-response = der Registrar hat nicht geantwortet
registration-failure-network = Netzwerkproblem ({ $detail })
registration-failure-certificate = dem Zertifikat des Servers wird nicht vertraut ({ $detail })
registration-failure-rejected = vom Registrar abgewiesen ({ $code } { $text })
registration-failure-challenge = die Authentifizierungsanfrage des Registrars war unverständlich ({ $detail })

## Audio, network and general pages

settings-audio-input = Mikrofon
settings-audio-output = Lautsprecher
settings-audio-ringer = Klingelton
settings-audio-default = Systemstandard
settings-network-sip-port = SIP-Port (UDP und TCP; 0 wählt einen freien)
settings-network-tls-port = TLS-Port
settings-network-transports = Transportprotokolle
settings-general-auto-answer = Anrufe automatisch annehmen
settings-general-start-minimised = Minimiert starten
settings-general-close-to-tray = Beim Schließen des Fensters bleibt Handset im Systembereich
settings-general-autostart = Bei der Anmeldung im Hintergrund starten
settings-general-dnd = Nicht stören
settings-general-global-shortcuts = Globale Tastenkürzel: Annehmen, Auflegen und Stummschalten aus jedem Fenster
settings-general-global-shortcuts-off = Die Arbeitsumgebung lässt Sie die Tasten beim Einschalten bestätigen.
settings-general-global-shortcuts-binding = Die Arbeitsumgebung wird nach den Tasten gefragt …
settings-general-global-shortcuts-bound = { $action }: { $keys }
settings-general-global-shortcuts-no-keys = { $action }: noch keine Tasten; wählen Sie sie in den Einstellungen der Arbeitsumgebung
settings-general-global-shortcuts-bound-unlisted = Die Arbeitsumgebung hat die Tastenkürzel eingerichtet; ihre Einstellungen zeigen die Tasten.
settings-general-global-shortcuts-unavailable = Diese Arbeitsumgebung hat keine globalen Tastenkürzel (sie bietet kein XDG-GlobalShortcuts-Portal).
settings-general-global-shortcuts-refused = Die Arbeitsumgebung hat die Tastenkürzel nicht eingerichtet. Schalten Sie sie aus und wieder ein, um erneut gefragt zu werden.
settings-general-allow-direct = Direkte Peer-to-Peer-Anrufe zulassen (nicht über ein Konto)
settings-general-ring-timeout = Klingeln beenden nach
settings-general-ring-timeout-seconds = { $seconds } s
settings-general-language = Sprache
settings-general-language-system = Systemstandard
settings-general-theme = Farben
settings-general-theme-system = Wie der Desktop
settings-general-theme-light = Hell
settings-general-theme-dark = Dunkel
settings-general-country = Land für lokale Nummern (zwei Buchstaben, etwa DE oder AT)
settings-general-country-placeholder = DE
settings-general-country-invalid = Geben Sie einen Ländercode aus zwei Buchstaben ein, etwa DE, AT oder CH, oder lassen Sie das Feld leer.
settings-load-failed = Ihre Einstellungsdatei konnte nicht geladen werden. Sie wurde nicht verändert und wird nicht überschrieben.
settings-reset = Auf Standardwerte zurücksetzen…
settings-reset-question = Die Datei durch die Standardwerte ersetzen? Eine Kopie bleibt als .bak erhalten.
settings-reset-confirm = Zurücksetzen
settings-error-generic = { $detail }
settings-expires-not-a-number = Geben Sie die Gültigkeit als Anzahl von Sekunden ein.
settings-port-invalid = Ein Port ist eine Zahl von 0 bis 65535.
# Audio page: volumes and where the phone rings
settings-audio-ringtone-volume = Lautstärke des Klingeltons
settings-audio-call-volume = Lautstärke des Gesprächs (mit seinen Tönen)
settings-audio-ring-every-output = Auf allen Ausgabegeräten klingeln
settings-audio-own-ringtone = Immer mit dem eigenen Klingelton von Handset klingeln, nicht mit dem Klangthema des Desktops
settings-audio-voice-heading = Mikrofon-Aufbereitung
settings-audio-echo-cancellation = Echo vom Lautsprecher unterdrücken
settings-audio-noise-suppression = Hintergrundgeräusche unterdrücken
settings-audio-gain-control = Lautstärke des Mikrofons ausgleichen
settings-audio-test-tone = Testton abspielen
settings-audio-test-microphone = Mikrofon testen
settings-audio-test-playing-tone = Ein Ton spielt auf dem Lautsprecher …
settings-audio-test-recording = Fünf Sekunden Aufnahme: Sagen Sie etwas …
settings-audio-test-playing-back = Das Mikrofon wird wiedergegeben …
settings-audio-test-done = Test beendet.
settings-audio-test-failed = Der Test hat nicht funktioniert: { $detail }
settings-audio-volume-percent = { $percent } %

## Config and password problems (keys from src/config)

config-account-display-name-too-long = Der Anzeigename ist zu lang ({ $detail }).
config-account-display-name-control-character = Der Anzeigename enthält ein Steuerzeichen.
config-account-domain-empty = Geben Sie die Domain oder den Registrar ein.
config-account-domain-invalid = Kein gültiger Host: { $detail }
config-account-duplicate = Dieses Konto gibt es bereits ({ $detail }).
config-account-expires-out-of-range = Wählen Sie eine Gültigkeit von 60 bis 86400 Sekunden ({ $detail }).
config-account-outbound-proxy-invalid = Kein gültiger Proxy: { $detail }
config-account-transport-disabled = Dieses Transportprotokoll ist in den Netzwerkeinstellungen ausgeschaltet ({ $detail }).
config-account-user-empty = Geben Sie den Benutzernamen ein.
config-account-user-invalid-character = Der Benutzername enthält ein Zeichen, das SIP nicht erlaubt ({ $detail }).
config-account-codecs-empty = Wählen Sie mindestens einen Codec.
config-account-codecs-unknown = Unbekannter Codec: { $detail }
config-account-codecs-duplicate = Ein Codec steht doppelt in der Liste: { $detail }
config-account-trusted-certificate-empty = Wählen Sie eine Zertifikatsdatei.
config-account-trusted-certificate-missing = Die Zertifikatsdatei fehlt: { $detail }
config-network-tls-port-same-as-sip-port = Der TLS-Port muss sich vom SIP-Port unterscheiden.
config-network-transports-none = Lassen Sie mindestens ein Transportprotokoll eingeschaltet.
config-network-keepalive-seconds-out-of-range = Das Keep-alive-Intervall ist zu lang: { $detail }. Erlaubt sind 0 (aus) bis 3600.
config-error-no-home = Es gibt keinen persönlichen Ordner, in dem die Einstellungen liegen könnten.
config-error-not-a-file = { $detail }
config-error-unreadable = { $detail }
config-error-corrupt = Die Einstellungsdatei ist beschädigt: { $detail }
config-error-too-new = Die Einstellungsdatei stammt von einer neueren Handset-Version: { $detail }
config-error-save-refused = Nicht gespeichert: { $detail }
config-error-write = Speichern fehlgeschlagen: { $detail }
secrets-error-unavailable = Kein Schlüsselbund verfügbar: { $detail }
secrets-error-denied = Der Schlüsselbund hat den Zugriff verweigert: { $detail }
secrets-error-file = { $detail }
secrets-error-corrupt-file = { $detail }
secrets-error-other = { $detail }

# Transport fields of the settings panel (trusted certificate, keep-alive).
settings-account-trusted-certificate = Vertrauenswürdiges Zertifikat (PEM-Datei)
settings-account-trusted-certificate-placeholder = /pfad/zum/server-zertifikat.pem
settings-account-trusted-certificate-hint = Nur für einen TLS-Server, dem Ihr System nicht vertraut, etwa eine Telefonanlage mit selbstsigniertem Zertifikat. Sonst leer lassen.
settings-network-keepalive = Keep-alive-Intervall (Sekunden, 0 = aus)
settings-keepalive-not-a-number = Geben Sie das Intervall als ganze Zahl von Sekunden ein, von 0 (aus) bis 3600.
settings-network-dns-server = Nameserver für SIP-Abfragen (leer: der des Systems)
settings-network-dns-server-placeholder = der Resolver des Systems
settings-dns-server-invalid = „{ $detail }“ ist keine Adresse. Geben Sie eine wie 192.0.2.53 oder 127.0.0.1:5353 ein oder lassen Sie das Feld leer.
tls-read-trusted-certificate = Diese Zertifikatsdatei kann nicht gelesen werden: { $detail }
tls-no-pem-certificate = Diese Datei enthält kein PEM-Zertifikat (einen Block -----BEGIN CERTIFICATE-----): { $detail }
tls-bad-trusted-certificate = Diese Datei ist kein verwendbares Zertifikat: { $detail }

## Dates and times
# time-format und date-format sind strftime-Muster (des Crates jiff), nur mit Zahlen.

time-format = %H:%M
date-format = %d.%m.%Y
date-time = { $date }, { $time }
when-today = { $time }
when-yesterday = Gestern { $time }
when-weekday = { $weekday } { $time }
weekday-name = { $day ->
    [1] Montag
    [2] Dienstag
    [3] Mittwoch
    [4] Donnerstag
    [5] Freitag
    [6] Samstag
   *[7] Sonntag
}

settings-certificate-checking = Das Zertifikat wird geprüft …
settings-certificate-not-checked = Das Telefon läuft nicht, daher kann dieses Zertifikat nicht geprüft werden.

## Desktop notifications (the caller is a contact's name, else their address)

notify-incoming-summary = Eingehender Anruf von { $caller }
notify-answer = Annehmen
notify-decline = Ablehnen
notify-missed-summary = { $count ->
    [one] Verpasster Anruf von { $caller }
   *[other] { $count } verpasste Anrufe von { $caller }
}
notify-call-back = Zurückrufen
# Shown by the desktop (e.g. in a log-out dialog) as why the screen stays on.
inhibit-call-reason = Ein Anruf läuft
## Global shortcuts, as the desktop's dialog and settings name them (src/desktop)
shortcut-answer = Klingelnden Anruf annehmen
shortcut-hang-up = Auflegen (oder klingelnden Anruf abweisen)
shortcut-mute = Mikrofon stumm- oder wieder einschalten
## The tray icon, and links that dial (src/desktop)
tray-title = Handset
tray-starting = Handset startet
tray-peer-to-peer = Bereit für direkte Anrufe (kein Konto)
tray-registered = Angemeldet
tray-registering = Anmeldung läuft…
tray-failed = { $account } ist nicht angemeldet
tray-stopped = Das Telefon läuft nicht
tray-ringing = { $caller } ruft an
tray-missed = { $count ->
    [one] Ein verpasster Anruf
   *[other] { $count } verpasste Anrufe
}
tray-dnd-on = Nicht stören ist eingeschaltet
tray-show = Handset zeigen
tray-hide = Handset ausblenden
tray-dnd = Nicht stören
tray-quit = Beenden
link-not-callable = { $link } kann nicht angerufen werden: Handset ruft sip:-, sips:-, tel:- und callto:-Links an.
link-busy = Beenden Sie das laufende Gespräch, bevor Sie { $link } anrufen.
autostart-failed = Der Start bei der Anmeldung konnte nicht geändert werden: { $detail }
