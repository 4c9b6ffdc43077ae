# Handset, italiano.
# Sintassi Fluent (https://projectfluent.org). Le stesse chiavi e variabili di
# en-US/handset.ftl; forme plurali: [one] e *[other].

app-title = Handset

## Engine status

engine-starting = Avvio del telefono…
engine-failed = Impossibile avviare il telefono: { $detail }
engine-stopped = Il telefono si è fermato. Riavvia Handset per fare chiamate.
engine-error = Si è verificato un problema: { $detail }

## Dialer

dialer-your-address = Puoi essere chiamato all’indirizzo
dialer-call = Chiama

## In a call

call-state-calling = Chiamata in corso…
call-state-ringing = Squilla…
call-state-incoming = Chiamata in arrivo
call-state-established = Connesso
call-state-ended = Chiamata terminata
call-mute = Disattiva microfono
call-unmute = Attiva microfono
call-muted = Il tuo microfono è disattivato
call-hangup = Riaggancia
call-keypad = Tastierino
call-keypad-hide = Nascondi tastierino
call-hanging-up = Chiusura della chiamata…
call-codec = Codec: { $codec }
call-devices = Audio: { $device }
call-speaker = Altoparlante
call-microphone = Microfono
call-audio-moved = L'audio della chiamata è passato a { $device }
call-audio-reopened = Il dispositivo audio ha smesso di funzionare; la chiamata continua su { $device }
call-audio-refused = Impossibile cambiare dispositivo audio: { $detail }

## Incoming call

incoming-heading = Chiamata in arrivo
incoming-to = per { $to }
incoming-answer = Rispondi
incoming-decline = Rifiuta
incoming-answering = Risposta in corso…

## Ended-call notice

ended-heading = Chiamata con { $remote } terminata
ended-duration = Durata { $duration }
ended-dismiss = OK

## Why a call ended

end-local-hangup = Hai riagganciato.
end-remote-hangup = L’interlocutore ha riagganciato.
end-caller-cancelled = Chi chiamava ha rinunciato prima che tu rispondessi.
end-declined = La chiamata è stata rifiutata.
end-busy = L’interlocutore è occupato.
end-rejected = La chiamata è stata respinta ({ $code } { $text }).
end-no-response = L’interlocutore non ha risposto.
end-media-incompatible = I due telefoni non sono riusciti ad accordarsi su un formato audio.
end-bad-target = Impossibile chiamare questo indirizzo: { $detail }
end-transport-error = La rete non ha funzionato: { $detail }
end-audio-error = Impossibile usare il dispositivo audio: { $detail }
end-unanswered = Nessuno ha risposto, quindi la chiamata ha smesso di squillare.
end-do-not-disturb = «Non disturbare» ha respinto la chiamata.
end-unknown = La chiamata è terminata.

## Settings panel

settings-open = Impostazioni
settings-heading = Impostazioni
settings-close = Indietro
settings-tab-accounts = Account
settings-tab-audio = Audio
settings-tab-network = Rete
settings-tab-general = Generali
settings-no-accounts = Ancora nessun account. Senza account, Handset chiama direttamente da dispositivo a dispositivo.
settings-add-account = Aggiungi account
settings-edit = Modifica
settings-delete = Elimina
settings-delete-question = Eliminare { $account }? Anche la sua password verrà dimenticata.
settings-delete-confirm = Elimina
settings-cancel = Annulla
settings-save = Salva
settings-set-default = Imposta come predefinito
settings-default = predefinito
settings-form-add = Nuovo account
settings-form-edit = Modifica account
settings-account-display-name = Nome visualizzato
settings-account-user = Utente
settings-account-domain = Dominio o registrar
settings-account-auth-user = Utente di autenticazione (se diverso)
settings-account-password = Password
settings-account-proxy = Proxy in uscita
settings-account-expires = Scadenza della registrazione (secondi)
settings-account-transport = Trasporto
settings-account-transport-auto = Automatico (DNS)
settings-account-register = Registra
settings-account-enabled = Attivo
settings-account-disabled = Disattivato
settings-account-codecs = Codec (il migliore per primo; i codec disattivati non vengono mai usati)
settings-codec-up = Su
settings-codec-down = Giù
settings-storage-unavailable = Non è in esecuzione alcun portachiavi (Secret Service), quindi la password non può essere conservata in modo sicuro ({ $detail }). Dove va salvata?
settings-storage-ask = Chiedi a ogni avvio
settings-storage-file = In un file leggibile solo da me
settings-enter-password = Password…

## Ask at each start: the password prompt

password-prompt-heading = Password necessaria
password-prompt-account = Scrivi la password di { $account } per registrarlo.
password-prompt-explain = Resta in memoria fino alla chiusura di Handset e non viene mai scritta su disco.
password-prompt-placeholder = Password
password-prompt-ok = OK
password-prompt-later = Più tardi
password-prompt-refused = Il registrar ha rifiutato questa password. Scrivila di nuovo.
password-prompt-waiting = { $count ->
    [one] Un altro account aspetta la sua password.
   *[other] Altri { $count } account aspettano la loro password.
}

## The account list: registration state

settings-registration-off = Non registrato
settings-registration-registering = Registrazione…
settings-registration-registered = Registrato fino alle { $time }
settings-registration-failed = Non riuscito: { $reason }
settings-registration-unknown = In attesa del telefono…
registration-failure-credentials = nome utente o password errati
registration-failure-no-password = nessuna password salvata
registration-failure-no-response = il registrar non ha risposto
registration-failure-network = problema di rete ({ $detail })
registration-failure-certificate = il certificato del server non è attendibile ({ $detail })
registration-failure-rejected = rifiutato dal registrar ({ $code } { $text })
registration-failure-challenge = impossibile interpretare la richiesta di autenticazione del registrar ({ $detail })

## Audio, network and general pages

settings-audio-input = Microfono
settings-audio-output = Altoparlante
settings-audio-ringer = Suoneria
settings-audio-default = Predefinito di sistema
settings-network-sip-port = Porta SIP (UDP e TCP; 0 ne sceglie una libera)
settings-network-tls-port = Porta TLS
settings-network-transports = Trasporti
settings-general-auto-answer = Rispondi automaticamente alle chiamate
settings-general-start-minimised = Avvia ridotto a icona
settings-general-close-to-tray = Chiudendo la finestra Handset resta nell’area di notifica
settings-general-autostart = Avvia all’accesso, in background
settings-general-dnd = Non disturbare
settings-general-global-shortcuts = Scorciatoie globali: rispondere, riagganciare e silenziare da qualsiasi finestra
settings-general-global-shortcuts-off = Il desktop chiede di confermare i tasti quando le attivi.
settings-general-global-shortcuts-binding = Richiesta dei tasti al desktop…
settings-general-global-shortcuts-bound = { $action }: { $keys }
settings-general-global-shortcuts-no-keys = { $action }: ancora nessun tasto; sceglili nelle impostazioni del desktop
settings-general-global-shortcuts-bound-unlisted = Il desktop ha configurato le scorciatoie; le sue impostazioni mostrano i tasti.
settings-general-global-shortcuts-unavailable = Questo desktop non ha scorciatoie globali (non offre il portale XDG GlobalShortcuts).
settings-general-global-shortcuts-refused = Il desktop non ha configurato le scorciatoie. Disattivale e riattivale per ricevere di nuovo la richiesta.
settings-general-allow-direct = Consenti chiamate dirette peer-to-peer (non tramite un account)
settings-general-ring-timeout = Smetti di squillare dopo
settings-general-ring-timeout-seconds = { $seconds } s
settings-general-language = Lingua
settings-general-language-system = Lingua di sistema
settings-general-theme = Colori
settings-general-theme-system = Come il desktop
settings-general-theme-light = Chiaro
settings-general-theme-dark = Scuro
settings-general-country = Paese dei numeri locali (due lettere, come IT o CH)
settings-general-country-placeholder = IT
settings-general-country-invalid = Scrivi un codice paese di due lettere, come IT, CH o SM, oppure lascia vuoto il campo.
settings-load-failed = Impossibile caricare il file delle impostazioni. Non è stato modificato e non verrà sovrascritto.
settings-reset = Ripristina i valori predefiniti…
settings-reset-question = Sostituire il file con i valori predefiniti? Una copia resta come .bak.
settings-reset-confirm = Ripristina
settings-error-generic = { $detail }
settings-expires-not-a-number = Scrivi la scadenza come numero di secondi.
settings-port-invalid = Una porta è un numero da 0 a 65535.
# Audio page: volumes and where the phone rings
settings-audio-ringtone-volume = Volume della suoneria
settings-audio-call-volume = Volume della chiamata (la chiamata e i suoi toni)
settings-audio-ring-every-output = Squilla su tutti i dispositivi di uscita
settings-audio-own-ringtone = Squilla sempre con la suoneria di Handset, non con il tema sonoro del desktop
settings-audio-voice-heading = Pulizia del microfono
settings-audio-echo-cancellation = Cancella l’eco dell’altoparlante
settings-audio-noise-suppression = Sopprimi il rumore di fondo
settings-audio-gain-control = Uniforma il volume del microfono
settings-audio-test-tone = Riproduci un tono di prova
settings-audio-test-microphone = Prova il microfono
settings-audio-test-playing-tone = Un tono suona sull’altoparlante…
settings-audio-test-recording = Registrazione di cinque secondi: dite qualcosa…
settings-audio-test-playing-back = Riproduzione di ciò che ha sentito il microfono…
settings-audio-test-done = Prova terminata.
settings-audio-test-failed = La prova non è riuscita: { $detail }
settings-audio-volume-percent = { $percent }%

## Config and password problems (keys from src/config)

config-account-display-name-too-long = Il nome visualizzato è troppo lungo ({ $detail }).
config-account-display-name-control-character = Il nome visualizzato contiene un carattere di controllo.
config-account-domain-empty = Scrivi il dominio o il registrar.
config-account-domain-invalid = Host non valido: { $detail }
config-account-duplicate = Questo account esiste già ({ $detail }).
config-account-expires-out-of-range = Scegli una scadenza da 60 a 86400 secondi ({ $detail }).
config-account-outbound-proxy-invalid = Proxy non valido: { $detail }
config-account-transport-disabled = Questo trasporto è disattivato nelle impostazioni di Rete ({ $detail }).
config-account-user-empty = Scrivi il nome utente.
config-account-user-invalid-character = Il nome utente contiene un carattere non ammesso da SIP ({ $detail }).
config-account-codecs-empty = Scegli almeno un codec.
config-account-codecs-unknown = Codec sconosciuto: { $detail }
config-account-codecs-duplicate = Un codec compare due volte: { $detail }
config-account-trusted-certificate-empty = Scegli un file di certificato.
config-account-trusted-certificate-missing = Il file di certificato non esiste: { $detail }
config-network-tls-port-same-as-sip-port = La porta TLS deve essere diversa dalla porta SIP.
config-network-transports-none = Lascia attivo almeno un trasporto.
config-network-keepalive-seconds-out-of-range = L’intervallo di keep-alive è troppo lungo: { $detail }. Usa da 0 (disattivato) a 3600.
config-error-no-home = Non c’è una cartella home in cui salvare le impostazioni.
config-error-not-a-file = { $detail }
config-error-unreadable = { $detail }
config-error-corrupt = Il file delle impostazioni è danneggiato: { $detail }
config-error-too-new = Il file delle impostazioni viene da una versione più recente di Handset: { $detail }
config-error-save-refused = Non salvato: { $detail }
config-error-write = Impossibile salvare: { $detail }
secrets-error-unavailable = Nessun portachiavi disponibile: { $detail }
secrets-error-denied = Il portachiavi ha negato l’accesso: { $detail }
secrets-error-file = { $detail }
secrets-error-corrupt-file = { $detail }
secrets-error-other = { $detail }

# Transport fields of the settings panel (trusted certificate, keep-alive).
settings-account-trusted-certificate = Certificato attendibile (file PEM)
settings-account-trusted-certificate-placeholder = /percorso/del/certificato-server.pem
settings-account-trusted-certificate-hint = Solo per un server TLS di cui il sistema non si fida, come un centralino con un certificato autofirmato. Altrimenti lascia vuoto.
settings-network-keepalive = Intervallo di keep-alive (secondi, 0 = disattivato)
settings-keepalive-not-a-number = Scrivi l’intervallo come numero intero di secondi, da 0 (disattivato) a 3600.
settings-network-dns-server = Server dei nomi per le ricerche SIP (vuoto: quello di sistema)
settings-network-dns-server-placeholder = il resolver di sistema
settings-dns-server-invalid = «{ $detail }» non è un indirizzo. Scrivine uno come 192.0.2.53 o 127.0.0.1:5353, oppure lascia vuoto il campo.
tls-read-trusted-certificate = Impossibile leggere questo file di certificato: { $detail }
tls-no-pem-certificate = Questo file non contiene alcun certificato PEM (un blocco -----BEGIN CERTIFICATE-----): { $detail }
tls-bad-trusted-certificate = Questo file non è un certificato utilizzabile: { $detail }

## Dates and times
# time-format e date-format sono modelli strftime (quelli del crate jiff), solo numerici.

time-format = %H:%M
date-format = %d/%m/%Y
date-time = { $date } { $time }
when-today = { $time }
when-yesterday = Ieri { $time }
when-weekday = { $weekday } { $time }
weekday-name = { $day ->
    [1] Lunedì
    [2] Martedì
    [3] Mercoledì
    [4] Giovedì
    [5] Venerdì
    [6] Sabato
   *[7] Domenica
}

settings-certificate-checking = Verifica del certificato in corso…
settings-certificate-not-checked = Il telefono non è in funzione, quindi questo certificato non può essere verificato.

## Desktop notifications (the caller is a contact's name, else their address)

notify-incoming-summary = Chiamata in arrivo da { $caller }
notify-answer = Rispondi
notify-decline = Rifiuta
notify-missed-summary = { $count ->
    [one] Chiamata persa da { $caller }
   *[other] { $count } chiamate perse da { $caller }
}
notify-call-back = Richiama
# Shown by the desktop (e.g. in a log-out dialog) as why the screen stays on.
inhibit-call-reason = È in corso una chiamata
## Global shortcuts, as the desktop's dialog and settings name them (src/desktop)
shortcut-answer = Rispondi alla chiamata in arrivo
shortcut-hang-up = Riaggancia (o rifiuta una chiamata in arrivo)
shortcut-mute = Disattiva o riattiva il microfono
## The tray icon, and links that dial (src/desktop)
tray-title = Handset
tray-starting = Handset si sta avviando
tray-peer-to-peer = Pronto per chiamate dirette (nessun account)
tray-registered = Registrato
tray-registering = Registrazione in corso…
tray-failed = { $account } non è registrato
tray-stopped = Il telefono non è in funzione
tray-ringing = { $caller } sta chiamando
tray-missed = { $count ->
    [one] Una chiamata persa
   *[other] { $count } chiamate perse
}
tray-dnd-on = Non disturbare è attivo
tray-show = Mostra Handset
tray-hide = Nascondi Handset
tray-dnd = Non disturbare
tray-quit = Esci
link-not-callable = Impossibile chiamare { $link }: Handset chiama i link sip:, sips:, tel: e callto:.
link-busy = Chiudi la chiamata in corso prima di chiamare { $link }.
autostart-failed = Impossibile modificare l’avvio all’accesso: { $detail }
