# Handset, Nederlands.
# Fluent-syntaxis (https://projectfluent.org). Dezelfde sleutels en variabelen als
# en-US/handset.ftl; meervoudsvormen: [one] en *[other].

app-title = Handset

## Engine status

engine-starting = De telefoon wordt gestart…
engine-failed = De telefoon kon niet starten: { $detail }
engine-stopped = De telefoon is gestopt. Start Handset opnieuw om te bellen.
engine-error = Er ging iets mis: { $detail }

## Dialer

dialer-your-address = Anderen kunnen u bellen op
dialer-call = Bellen

## In a call

call-state-calling = Bellen…
call-state-ringing = Gaat over…
call-state-incoming = Inkomende oproep
call-state-established = Verbonden
call-state-ended = Gesprek beëindigd
call-mute = Dempen
call-unmute = Dempen opheffen
call-muted = Uw microfoon is gedempt
call-hangup = Ophangen
call-keypad = Toetsenblok
call-keypad-hide = Toetsenblok verbergen
call-hanging-up = Ophangen…
call-codec = Codec: { $codec }
call-devices = Geluid: { $device }
call-speaker = Luidspreker
call-microphone = Microfoon
call-audio-moved = Het gespreksgeluid is verplaatst naar { $device }
call-audio-reopened = Het geluidsapparaat werkt niet meer; het gesprek gaat verder via { $device }
call-audio-refused = Kon niet van geluidsapparaat wisselen: { $detail }

## Incoming call

incoming-heading = Inkomende oproep
incoming-to = aan { $to }
incoming-answer = Opnemen
incoming-decline = Weigeren
incoming-answering = Opnemen…

## Ended-call notice

ended-heading = Gesprek met { $remote } beëindigd
ended-duration = Duur { $duration }
ended-dismiss = OK

## Why a call ended

end-local-hangup = U hebt opgehangen.
end-remote-hangup = De andere kant heeft opgehangen.
end-caller-cancelled = De beller heeft opgehangen voordat u opnam.
end-declined = De oproep is geweigerd.
end-busy = De andere kant is in gesprek.
end-rejected = De oproep is afgewezen ({ $code } { $text }).
end-no-response = De andere kant reageerde niet.
end-media-incompatible = De twee telefoons konden het niet eens worden over een audioformaat.
end-bad-target = Dat adres kan niet worden gebeld: { $detail }
end-transport-error = Het netwerk liet het afweten: { $detail }
end-audio-error = Het geluidsapparaat kon niet worden gebruikt: { $detail }
end-unanswered = Niemand nam op, dus de oproep is gestopt met overgaan.
end-do-not-disturb = ‘Niet storen’ heeft de oproep geweigerd.
end-unknown = Het gesprek is beëindigd.

## Settings panel

settings-open = Instellingen
settings-heading = Instellingen
settings-close = Terug
settings-tab-accounts = Accounts
settings-tab-audio = Geluid
settings-tab-network = Netwerk
settings-tab-general = Algemeen
settings-no-accounts = Nog geen accounts. Zonder account belt Handset rechtstreeks van apparaat naar apparaat.
settings-add-account = Account toevoegen
settings-edit = Bewerken
settings-delete = Verwijderen
settings-delete-question = { $account } verwijderen? Het wachtwoord wordt ook vergeten.
settings-delete-confirm = Verwijderen
settings-cancel = Annuleren
settings-save = Opslaan
settings-set-default = Als standaard instellen
settings-default = standaard
settings-form-add = Nieuw account
settings-form-edit = Account bewerken
settings-account-display-name = Weergavenaam
settings-account-user = Gebruiker
settings-account-domain = Domein of registrar
settings-account-auth-user = Gebruiker voor authenticatie (indien anders)
settings-account-password = Wachtwoord
settings-account-proxy = Uitgaande proxy
settings-account-expires = Geldigheid van de registratie (seconden)
settings-account-transport = Transport
settings-account-transport-auto = Automatisch (DNS)
settings-account-register = Registreren
settings-account-enabled = Ingeschakeld
settings-account-disabled = Uitgeschakeld
settings-account-codecs = Codecs (beste eerst; uitgeschakelde codecs worden nooit gebruikt)
settings-codec-up = Omhoog
settings-codec-down = Omlaag
settings-storage-unavailable = Er draait geen sleutelbos (Secret Service), dus het wachtwoord kan niet veilig worden bewaard ({ $detail }). Waar moet het heen?
settings-storage-ask = Bij elke start vragen
settings-storage-file = In een bestand dat alleen ik kan lezen
settings-enter-password = Wachtwoord…

## Ask at each start: the password prompt

password-prompt-heading = Wachtwoord nodig
password-prompt-account = Typ het wachtwoord van { $account } om het account te registreren.
password-prompt-explain = Het blijft in het geheugen tot Handset afsluit en wordt nooit naar schijf geschreven.
password-prompt-placeholder = Wachtwoord
password-prompt-ok = OK
password-prompt-later = Later
password-prompt-refused = De registrar heeft dat wachtwoord geweigerd. Typ het opnieuw.
password-prompt-waiting = { $count ->
    [one] Nog één account wacht op zijn wachtwoord.
   *[other] Nog { $count } accounts wachten op hun wachtwoord.
}

## The account list: registration state

settings-registration-off = Niet registreren
settings-registration-registering = Registreren…
settings-registration-registered = Geregistreerd tot { $time }
settings-registration-failed = Mislukt: { $reason }
settings-registration-unknown = Wachten op de telefoon…
registration-failure-credentials = verkeerde gebruikersnaam of verkeerd wachtwoord
registration-failure-no-password = er is geen wachtwoord opgeslagen
registration-failure-no-response = de registrar antwoordde niet
registration-failure-network = netwerkprobleem ({ $detail })
registration-failure-certificate = het certificaat van de server wordt niet vertrouwd ({ $detail })
registration-failure-rejected = geweigerd door de registrar ({ $code } { $text })
registration-failure-challenge = de authenticatievraag van de registrar was onbegrijpelijk ({ $detail })

## Audio, network and general pages

settings-audio-input = Microfoon
settings-audio-output = Luidspreker
settings-audio-ringer = Beltoon
settings-audio-default = Systeemstandaard
settings-network-sip-port = SIP-poort (UDP en TCP; 0 kiest een vrije)
settings-network-tls-port = TLS-poort
settings-network-transports = Transporten
settings-general-auto-answer = Oproepen automatisch beantwoorden
settings-general-start-minimised = Geminimaliseerd starten
settings-general-close-to-tray = Bij het sluiten van het venster blijft Handset in het systeemvak
settings-general-autostart = Bij het aanmelden op de achtergrond starten
settings-general-dnd = Niet storen
settings-general-global-shortcuts = Globale sneltoetsen: opnemen, ophangen en dempen vanuit elk venster
settings-general-global-shortcuts-off = De desktop vraagt u de toetsen te bevestigen wanneer u ze aanzet.
settings-general-global-shortcuts-binding = De desktop wordt om de toetsen gevraagd…
settings-general-global-shortcuts-bound = { $action }: { $keys }
settings-general-global-shortcuts-no-keys = { $action }: nog geen toetsen; kies ze in de instellingen van de desktop
settings-general-global-shortcuts-bound-unlisted = De desktop heeft de sneltoetsen ingesteld; de instellingen ervan tonen de toetsen.
settings-general-global-shortcuts-unavailable = Deze desktop heeft geen globale sneltoetsen (hij biedt geen XDG GlobalShortcuts-portaal).
settings-general-global-shortcuts-refused = De desktop heeft de sneltoetsen niet ingesteld. Zet ze uit en weer aan om opnieuw gevraagd te worden.
settings-general-allow-direct = Directe peer-to-peer-oproepen toestaan (niet via een account)
settings-general-ring-timeout = Stoppen met overgaan na
settings-general-ring-timeout-seconds = { $seconds } s
settings-general-language = Taal
settings-general-language-system = Systeemtaal
settings-general-theme = Kleuren
settings-general-theme-system = Zoals het bureaublad
settings-general-theme-light = Licht
settings-general-theme-dark = Donker
settings-general-country = Land voor lokale nummers (twee letters, zoals NL of BE)
settings-general-country-placeholder = NL
settings-general-country-invalid = Typ een landcode van twee letters, zoals NL, BE of DE, of laat het veld leeg.
settings-load-failed = Uw instellingenbestand kon niet worden geladen. Het is niet gewijzigd en er wordt niets overheen opgeslagen.
settings-reset = Standaardwaarden herstellen…
settings-reset-question = Het bestand vervangen door de standaardwaarden? Er blijft een kopie als .bak.
settings-reset-confirm = Herstellen
settings-error-generic = { $detail }
settings-expires-not-a-number = Typ de geldigheid als een aantal seconden.
settings-port-invalid = Een poort is een getal van 0 tot 65535.
# Audio page: volumes and where the phone rings
settings-audio-ringtone-volume = Volume van de beltoon
settings-audio-call-volume = Gespreksvolume (het gesprek en zijn tonen)
settings-audio-ring-every-output = Op alle uitvoerapparaten overgaan
settings-audio-own-ringtone = Altijd de eigen beltoon van Handset gebruiken, niet het geluidsthema van de desktop
settings-audio-voice-heading = Microfoon opschonen
settings-audio-echo-cancellation = Echo van de luidspreker onderdrukken
settings-audio-noise-suppression = Achtergrondgeluid onderdrukken
settings-audio-gain-control = Microfoonvolume gelijkmatig houden
settings-audio-test-tone = Testtoon afspelen
settings-audio-test-microphone = Microfoon testen
settings-audio-test-playing-tone = Er speelt een toon op de luidspreker…
settings-audio-test-recording = Vijf seconden opnemen: zeg iets…
settings-audio-test-playing-back = Afspelen wat de microfoon hoorde…
settings-audio-test-done = Test klaar.
settings-audio-test-failed = De test werkte niet: { $detail }
settings-audio-volume-percent = { $percent }%

## Config and password problems (keys from src/config)

config-account-display-name-too-long = De weergavenaam is te lang ({ $detail }).
config-account-display-name-control-character = De weergavenaam bevat een stuurteken.
config-account-domain-empty = Typ het domein of de registrar.
config-account-domain-invalid = Geen geldige host: { $detail }
config-account-duplicate = Dit account bestaat al ({ $detail }).
config-account-expires-out-of-range = Kies een geldigheid van 60 tot 86400 seconden ({ $detail }).
config-account-outbound-proxy-invalid = Geen geldige proxy: { $detail }
config-account-transport-disabled = Dit transport staat uit in de netwerkinstellingen ({ $detail }).
config-account-user-empty = Typ de gebruikersnaam.
config-account-user-invalid-character = De gebruikersnaam bevat een teken dat SIP niet toestaat ({ $detail }).
config-account-codecs-empty = Kies ten minste één codec.
config-account-codecs-unknown = Onbekende codec: { $detail }
config-account-codecs-duplicate = Een codec staat twee keer in de lijst: { $detail }
config-account-trusted-certificate-empty = Kies een certificaatbestand.
config-account-trusted-certificate-missing = Het certificaatbestand ontbreekt: { $detail }
config-network-tls-port-same-as-sip-port = De TLS-poort moet verschillen van de SIP-poort.
config-network-transports-none = Laat ten minste één transport aan staan.
config-network-keepalive-seconds-out-of-range = Het keep-alive-interval is te lang: { $detail }. Gebruik 0 (uit) tot 3600.
config-error-no-home = Er is geen thuismap om de instellingen in te bewaren.
config-error-not-a-file = { $detail }
config-error-unreadable = { $detail }
config-error-corrupt = Het instellingenbestand is beschadigd: { $detail }
config-error-too-new = Het instellingenbestand komt van een nieuwere Handset: { $detail }
config-error-save-refused = Niet opgeslagen: { $detail }
config-error-write = Opslaan mislukt: { $detail }
secrets-error-unavailable = Er is geen sleutelbos beschikbaar: { $detail }
secrets-error-denied = De sleutelbos weigerde de toegang: { $detail }
secrets-error-file = { $detail }
secrets-error-corrupt-file = { $detail }
secrets-error-other = { $detail }

# Transport fields of the settings panel (trusted certificate, keep-alive).
settings-account-trusted-certificate = Vertrouwd certificaat (PEM-bestand)
settings-account-trusted-certificate-placeholder = /pad/naar/servercertificaat.pem
settings-account-trusted-certificate-hint = Alleen voor een TLS-server die uw systeem niet vertrouwt, zoals een telefooncentrale met een zelfondertekend certificaat. Laat het anders leeg.
settings-network-keepalive = Keep-alive-interval (seconden, 0 = uit)
settings-keepalive-not-a-number = Typ het interval als een geheel aantal seconden, van 0 (uit) tot 3600.
settings-network-dns-server = Naamserver voor SIP-opzoekingen (leeg: die van het systeem)
settings-network-dns-server-placeholder = de resolver van het systeem
settings-dns-server-invalid = ‘{ $detail }’ is geen adres. Typ er een zoals 192.0.2.53 of 127.0.0.1:5353, of laat het veld leeg.
tls-read-trusted-certificate = Dit certificaatbestand kan niet worden gelezen: { $detail }
tls-no-pem-certificate = Dit bestand bevat geen PEM-certificaat (een blok -----BEGIN CERTIFICATE-----): { $detail }
tls-bad-trusted-certificate = Dit bestand is geen bruikbaar certificaat: { $detail }

## Dates and times
# time-format en date-format zijn strftime-patronen (die van de crate jiff), alleen met cijfers.

time-format = %H:%M
date-format = %d-%m-%Y
date-time = { $date } { $time }
when-today = { $time }
when-yesterday = Gisteren { $time }
when-weekday = { $weekday } { $time }
weekday-name = { $day ->
    [1] Maandag
    [2] Dinsdag
    [3] Woensdag
    [4] Donderdag
    [5] Vrijdag
    [6] Zaterdag
   *[7] Zondag
}

settings-certificate-checking = Het certificaat wordt gecontroleerd…
settings-certificate-not-checked = De telefoon draait niet, dus dit certificaat kan niet worden gecontroleerd.

## Desktop notifications (the caller is a contact's name, else their address)

notify-incoming-summary = Inkomende oproep van { $caller }
notify-answer = Opnemen
notify-decline = Weigeren
notify-missed-summary = { $count ->
    [one] Gemiste oproep van { $caller }
   *[other] { $count } gemiste oproepen van { $caller }
}
notify-call-back = Terugbellen
# Shown by the desktop (e.g. in a log-out dialog) as why the screen stays on.
inhibit-call-reason = Er is een gesprek bezig
## Global shortcuts, as the desktop's dialog and settings name them (src/desktop)
shortcut-answer = Het rinkelende gesprek opnemen
shortcut-hang-up = Ophangen (of een rinkelend gesprek weigeren)
shortcut-mute = De microfoon dempen of weer aanzetten
## The tray icon, and links that dial (src/desktop)
tray-title = Handset
tray-starting = Handset wordt gestart
tray-peer-to-peer = Klaar voor directe gesprekken (geen account)
tray-registered = Geregistreerd
tray-registering = Bezig met registreren…
tray-failed = { $account } is niet geregistreerd
tray-stopped = De telefoon draait niet
tray-ringing = { $caller } belt
tray-missed = { $count ->
    [one] Eén gemiste oproep
   *[other] { $count } gemiste oproepen
}
tray-dnd-on = Niet storen staat aan
tray-show = Handset tonen
tray-hide = Handset verbergen
tray-dnd = Niet storen
tray-quit = Afsluiten
link-not-callable = { $link } kan niet worden gebeld: Handset belt sip:-, sips:-, tel:- en callto:-links.
link-busy = Beëindig het lopende gesprek voordat u { $link } belt.
autostart-failed = Starten bij aanmelden kon niet worden gewijzigd: { $detail }
