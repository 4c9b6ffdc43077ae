# Handset, English (United States).
# Fluent syntax (https://projectfluent.org). Keys are stable: code and tests refer to them.
# Every translation has the same keys and the same `{ $name }` placeables; a number such as
# `$count` can choose a plural form: `{ $count -> [one] … *[other] … }`.

app-title = Handset

## Engine status

engine-starting = Starting the phone…
engine-failed = The phone could not start: { $detail }
engine-stopped = The phone has stopped. Restart Handset to make calls.
engine-error = Something went wrong: { $detail }

## Dialer

dialer-your-address = Others can call you at
dialer-call = Call

## In a call

call-state-calling = Calling…
call-state-ringing = Ringing…
call-state-incoming = Incoming call
call-state-established = Connected
call-state-ended = Call ended
call-mute = Mute
call-unmute = Unmute
call-muted = Your microphone is muted
call-hangup = Hang up
call-keypad = Keypad
call-keypad-hide = Hide keypad
call-hanging-up = Hanging up…
call-codec = Codec: { $codec }
call-devices = Sound: { $device }
call-speaker = Speaker
call-microphone = Microphone
call-audio-moved = Call audio moved to { $device }
call-audio-reopened = The sound device stopped working; the call goes on with { $device }
call-audio-refused = Could not switch sound devices: { $detail }

## Incoming call

incoming-heading = Incoming call
incoming-to = to { $to }
incoming-answer = Answer
incoming-decline = Decline
incoming-answering = Answering…

## Ended-call notice

ended-heading = Call with { $remote } ended
ended-duration = Duration { $duration }
ended-dismiss = OK

## Why a call ended

end-local-hangup = You hung up.
end-remote-hangup = The other side hung up.
end-caller-cancelled = The caller gave up before you answered.
end-declined = The call was declined.
end-busy = The other side is busy.
end-rejected = The call was refused ({ $code } { $text }).
end-no-response = The other side did not respond.
end-media-incompatible = The two phones could not agree on an audio format.
end-bad-target = That address cannot be called: { $detail }
end-transport-error = The network failed: { $detail }
end-audio-error = The sound device could not be used: { $detail }
end-unanswered = Nobody answered, so the call stopped ringing.
end-do-not-disturb = Do not disturb turned the call away.
end-unknown = The call ended.

## Settings panel

settings-open = Settings
settings-heading = Settings
settings-close = Back
settings-tab-accounts = Accounts
settings-tab-audio = Audio
settings-tab-network = Network
settings-tab-general = General
settings-no-accounts = No accounts yet. Without one, Handset calls peer to peer.
settings-add-account = Add account
settings-edit = Edit
settings-delete = Delete
settings-delete-question = Delete { $account }? Its password is forgotten too.
settings-delete-confirm = Delete
settings-cancel = Cancel
settings-save = Save
settings-set-default = Set as default
settings-default = default
settings-form-add = New account
settings-form-edit = Edit account
settings-account-display-name = Display name
settings-account-user = User
settings-account-domain = Domain or registrar
settings-account-auth-user = Authentication user (if different)
settings-account-password = Password
settings-account-proxy = Outbound proxy
settings-account-expires = Registration expiry (seconds)
settings-account-transport = Transport
settings-account-transport-auto = Automatic (DNS)
settings-account-register = Register
settings-account-enabled = Enabled
settings-account-disabled = Disabled
settings-account-codecs = Codecs (best first; switched-off codecs are never used)
settings-codec-up = Up
settings-codec-down = Down
settings-storage-unavailable = No keyring (Secret Service) is running, so the password cannot be kept safely ({ $detail }). Where should it go?
settings-storage-ask = Ask at each start
settings-storage-file = Keep it in a file only I can read
settings-enter-password = Password…

## Ask at each start: the password prompt

password-prompt-heading = Password needed
password-prompt-account = Type the password of { $account } to register it.
password-prompt-explain = It is kept in memory until Handset quits, and never written to disk.
password-prompt-placeholder = Password
password-prompt-ok = OK
password-prompt-later = Later
password-prompt-refused = The registrar refused that password. Type it again.
password-prompt-waiting = { $count ->
    [one] One more account is waiting for its password.
   *[other] { $count } more accounts are waiting for their passwords.
}

## The account list: registration state

settings-registration-off = Not registering
settings-registration-registering = Registering…
settings-registration-registered = Registered until { $time }
settings-registration-failed = Failed: { $reason }
settings-registration-unknown = Waiting for the phone…
registration-failure-credentials = wrong user name or password
registration-failure-no-password = no password is stored
registration-failure-no-response = the registrar did not answer
registration-failure-network = network problem ({ $detail })
registration-failure-certificate = the server's certificate is not trusted ({ $detail })
registration-failure-rejected = refused by the registrar ({ $code } { $text })
registration-failure-challenge = the registrar's challenge could not be understood ({ $detail })

## Audio, network and general pages

settings-audio-input = Microphone
settings-audio-output = Speaker
settings-audio-ringer = Ringer
settings-audio-default = System default
settings-network-sip-port = SIP port (UDP and TCP; 0 picks a free one)
settings-network-tls-port = TLS port
settings-network-transports = Transports
settings-general-auto-answer = Answer calls automatically
settings-general-start-minimised = Start minimised
settings-general-close-to-tray = Closing the window keeps Handset in the tray
settings-general-autostart = Start at login, in the background
settings-general-dnd = Do not disturb
settings-general-global-shortcuts = Global shortcuts: answer, hang up and mute from any window
settings-general-global-shortcuts-off = The desktop asks you to confirm the keys when you switch them on.
settings-general-global-shortcuts-binding = Asking the desktop for the keys…
settings-general-global-shortcuts-bound = { $action }: { $keys }
settings-general-global-shortcuts-no-keys = { $action }: no keys yet; choose them in the desktop's settings
settings-general-global-shortcuts-bound-unlisted = The desktop set up the shortcuts; its settings show their keys.
settings-general-global-shortcuts-unavailable = This desktop has no global shortcuts (it offers no XDG GlobalShortcuts portal).
settings-general-global-shortcuts-refused = The desktop did not set up the shortcuts. Switch them off and on again to be asked once more.
settings-general-allow-direct = Allow direct peer-to-peer calls (not through an account)
settings-general-ring-timeout = Stop ringing after
settings-general-ring-timeout-seconds = { $seconds } s
settings-general-language = Language
settings-general-language-system = System default
settings-general-theme = Colours
settings-general-theme-system = As the desktop
settings-general-theme-light = Light
settings-general-theme-dark = Dark
settings-general-country = Country for local numbers (two letters, such as DE or FR)
settings-general-country-placeholder = DE
settings-general-country-invalid = Type a two-letter country code, such as DE, FR or US, or leave it empty.
settings-load-failed = Your settings file could not be loaded. It has not been changed; nothing will be saved over it.
settings-reset = Reset to defaults…
settings-reset-question = Replace the file with the defaults? A copy stays as .bak.
settings-reset-confirm = Reset
settings-error-generic = { $detail }
settings-expires-not-a-number = Type the expiry as a number of seconds.
settings-port-invalid = A port is a number from 0 to 65535.
# Audio page: volumes and where the phone rings
settings-audio-ringtone-volume = Ringtone volume
settings-audio-call-volume = Call volume (the call and its tones)
settings-audio-ring-every-output = Ring on every output device
settings-audio-own-ringtone = Always ring with Handset's own ringtone, not the desktop's sound theme
settings-audio-voice-heading = Cleaning up the microphone
settings-audio-echo-cancellation = Cancel echo from the speaker
settings-audio-noise-suppression = Suppress background noise
settings-audio-gain-control = Even out the microphone's loudness
settings-audio-test-tone = Play a test tone
settings-audio-test-microphone = Test the microphone
settings-audio-test-playing-tone = Playing a tone on the speaker…
settings-audio-test-recording = Recording five seconds: say something…
settings-audio-test-playing-back = Playing back what the microphone heard…
settings-audio-test-done = Test finished.
settings-audio-test-failed = The test did not work: { $detail }
settings-audio-volume-percent = { $percent }%

## Config and password problems (keys from src/config)

config-account-display-name-too-long = The display name is too long ({ $detail }).
config-account-display-name-control-character = The display name holds a control character.
config-account-domain-empty = Type the domain or registrar.
config-account-domain-invalid = Not a valid host: { $detail }
config-account-duplicate = This account already exists ({ $detail }).
config-account-expires-out-of-range = Choose an expiry from 60 to 86400 seconds ({ $detail }).
config-account-outbound-proxy-invalid = Not a valid proxy: { $detail }
config-account-transport-disabled = This transport is switched off in Network settings ({ $detail }).
config-account-user-empty = Type the user name.
config-account-user-invalid-character = The user name has a character SIP does not allow ({ $detail }).
config-account-codecs-empty = Choose at least one codec.
config-account-codecs-unknown = Unknown codec: { $detail }
config-account-codecs-duplicate = A codec is listed twice: { $detail }
config-account-trusted-certificate-empty = Choose a certificate file.
config-account-trusted-certificate-missing = The certificate file is missing: { $detail }
config-network-tls-port-same-as-sip-port = The TLS port must differ from the SIP port.
config-network-transports-none = Keep at least one transport on.
config-network-keepalive-seconds-out-of-range = The keep-alive interval is too long: { $detail }. Use 0 (off) up to 3600.
config-error-no-home = There is no home folder to keep settings in.
config-error-not-a-file = { $detail }
config-error-unreadable = { $detail }
config-error-corrupt = The settings file is damaged: { $detail }
config-error-too-new = The settings file is from a newer Handset: { $detail }
config-error-save-refused = Not saved: { $detail }
config-error-write = Could not save: { $detail }
secrets-error-unavailable = No keyring is available: { $detail }
secrets-error-denied = The keyring refused: { $detail }
secrets-error-file = { $detail }
secrets-error-corrupt-file = { $detail }
secrets-error-other = { $detail }

# Transport fields of the settings panel (trusted certificate, keep-alive).
settings-account-trusted-certificate = Trusted certificate (PEM file)
settings-account-trusted-certificate-placeholder = /path/to/server-certificate.pem
settings-account-trusted-certificate-hint = Only for a TLS server your system does not trust, such as a PBX with a self-signed certificate. Leave it empty otherwise.
settings-network-keepalive = Keep-alive interval (seconds, 0 = off)
settings-keepalive-not-a-number = Type the interval as a whole number of seconds, from 0 (off) to 3600.
settings-network-dns-server = Name server for SIP lookups (empty: the system's)
settings-network-dns-server-placeholder = the system's resolver
settings-dns-server-invalid = “{ $detail }” is not an address. Type one such as 192.0.2.53 or 127.0.0.1:5353, or leave it empty.
tls-read-trusted-certificate = This certificate file cannot be read: { $detail }
tls-no-pem-certificate = This file holds no PEM certificate (a -----BEGIN CERTIFICATE----- block): { $detail }
tls-bad-trusted-certificate = This file is not a usable certificate: { $detail }
settings-certificate-checking = Checking the certificate…
settings-certificate-not-checked = The phone is not running, so this certificate cannot be checked.

## Dates and times
# time-format and date-format are strftime patterns (the jiff crate's): %H hour 00–23,
# %-I hour 1–12, %p AM or PM, %M minute, %d day, %-d day without a leading zero, %m month,
# %-m month without a leading zero, %Y year. Keep them to numbers: names come from below.

time-format = %-I:%M %p
date-format = %-m/%-d/%Y
date-time = { $date } { $time }
when-today = { $time }
when-yesterday = Yesterday { $time }
when-weekday = { $weekday } { $time }
weekday-name = { $day ->
    [1] Monday
    [2] Tuesday
    [3] Wednesday
    [4] Thursday
    [5] Friday
    [6] Saturday
   *[7] Sunday
}

## Desktop notifications (the caller is a contact's name, else their address)

notify-incoming-summary = Incoming call from { $caller }
notify-answer = Answer
notify-decline = Decline
notify-missed-summary = { $count ->
    [one] Missed call from { $caller }
   *[other] { $count } missed calls from { $caller }
}
notify-call-back = Call back
# Shown by the desktop (e.g. in a log-out dialog) as why the screen stays on.
inhibit-call-reason = A call is in progress
## Global shortcuts, as the desktop's dialog and settings name them (src/desktop)
shortcut-answer = Answer the ringing call
shortcut-hang-up = Hang up (or decline a ringing call)
shortcut-mute = Mute or unmute the microphone
## The tray icon, and links that dial (src/desktop)
tray-title = Handset
tray-starting = Handset is starting
tray-peer-to-peer = Ready for direct calls (no account)
tray-registered = Registered
tray-registering = Registering…
tray-failed = { $account } is not registered
tray-stopped = The phone is not running
tray-ringing = { $caller } is calling
tray-missed = { $count ->
    [one] One missed call
   *[other] { $count } missed calls
}
tray-dnd-on = Do not disturb is on
tray-show = Show Handset
tray-hide = Hide Handset
tray-dnd = Do not disturb
tray-quit = Quit
link-not-callable = { $link } cannot be called: Handset calls sip:, sips:, tel: and callto: links.
link-busy = Hang up the call in progress before calling { $link }.
autostart-failed = Starting at login could not be changed: { $detail }
