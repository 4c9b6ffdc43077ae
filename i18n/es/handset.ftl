# Handset, español.
# Sintaxis Fluent (https://projectfluent.org). Las mismas claves y variables que
# en-US/handset.ftl; formas de plural: [one] y *[other].

app-title = Handset

## Engine status

engine-starting = Iniciando el teléfono…
engine-failed = No se pudo iniciar el teléfono: { $detail }
engine-stopped = El teléfono se ha detenido. Reinicie Handset para hacer llamadas.
engine-error = Algo ha fallado: { $detail }

## Dialer

dialer-your-address = Pueden llamarle a
dialer-call = Llamar

## In a call

call-state-calling = Llamando…
call-state-ringing = Sonando…
call-state-incoming = Llamada entrante
call-state-established = Conectado
call-state-ended = Llamada finalizada
call-mute = Silenciar
call-unmute = Activar micrófono
call-muted = Su micrófono está silenciado
call-hangup = Colgar
call-keypad = Teclado
call-keypad-hide = Ocultar teclado
call-hanging-up = Colgando…
call-codec = Códec: { $codec }
call-devices = Sonido: { $device }
call-speaker = Altavoz
call-microphone = Micrófono
call-audio-moved = El audio de la llamada pasó a { $device }
call-audio-reopened = El dispositivo de sonido dejó de funcionar; la llamada continúa en { $device }
call-audio-refused = No se pudo cambiar de dispositivo de sonido: { $detail }

## Incoming call

incoming-heading = Llamada entrante
incoming-to = para { $to }
incoming-answer = Responder
incoming-decline = Rechazar
incoming-answering = Respondiendo…

## Ended-call notice

ended-heading = Ha finalizado la llamada con { $remote }
ended-duration = Duración { $duration }
ended-dismiss = Aceptar

## Why a call ended

end-local-hangup = Ha colgado usted.
end-remote-hangup = La otra parte ha colgado.
end-caller-cancelled = Quien llamaba colgó antes de que respondiera.
end-declined = La llamada fue rechazada.
end-busy = La otra parte está ocupada.
end-rejected = La llamada fue denegada ({ $code } { $text }).
end-no-response = La otra parte no respondió.
end-media-incompatible = Los dos teléfonos no pudieron acordar un formato de audio.
end-bad-target = No se puede llamar a esa dirección: { $detail }
end-transport-error = Falló la red: { $detail }
end-audio-error = No se pudo usar el dispositivo de sonido: { $detail }
end-unanswered = Nadie contestó, así que la llamada dejó de sonar.
end-do-not-disturb = «No molestar» rechazó la llamada.
end-unknown = La llamada ha finalizado.

## Settings panel

settings-open = Ajustes
settings-heading = Ajustes
settings-close = Volver
settings-tab-accounts = Cuentas
settings-tab-audio = Audio
settings-tab-network = Red
settings-tab-general = General
settings-no-accounts = Todavía no hay cuentas. Sin ninguna, Handset llama directamente de equipo a equipo.
settings-add-account = Añadir cuenta
settings-edit = Editar
settings-delete = Eliminar
settings-delete-question = ¿Eliminar { $account }? También se olvidará su contraseña.
settings-delete-confirm = Eliminar
settings-cancel = Cancelar
settings-save = Guardar
settings-set-default = Usar como predeterminada
settings-default = predeterminada
settings-form-add = Nueva cuenta
settings-form-edit = Editar cuenta
settings-account-display-name = Nombre visible
settings-account-user = Usuario
settings-account-domain = Dominio o registrador
settings-account-auth-user = Usuario de autenticación (si es distinto)
settings-account-password = Contraseña
settings-account-proxy = Proxy de salida
settings-account-expires = Caducidad del registro (segundos)
settings-account-transport = Transporte
settings-account-transport-auto = Automático (DNS)
settings-account-register = Registrarse
settings-account-enabled = Activada
settings-account-disabled = Desactivada
settings-account-codecs = Códecs (el mejor primero; los códecs desactivados no se usan nunca)
settings-codec-up = Subir
settings-codec-down = Bajar
settings-storage-unavailable = No hay ningún llavero (Secret Service) en marcha, así que la contraseña no se puede guardar de forma segura ({ $detail }). ¿Dónde debe guardarse?
settings-storage-ask = Preguntar en cada inicio
settings-storage-file = En un archivo que solo yo pueda leer
settings-enter-password = Contraseña…

## Ask at each start: the password prompt

password-prompt-heading = Se necesita la contraseña
password-prompt-account = Escriba la contraseña de { $account } para registrar la cuenta.
password-prompt-explain = Se guarda en memoria hasta que se cierre Handset y nunca se escribe en el disco.
password-prompt-placeholder = Contraseña
password-prompt-ok = Aceptar
password-prompt-later = Más tarde
password-prompt-refused = El registrador rechazó esa contraseña. Escríbala de nuevo.
password-prompt-waiting = { $count ->
    [one] Otra cuenta espera su contraseña.
   *[other] Otras { $count } cuentas esperan su contraseña.
}

## The account list: registration state

settings-registration-off = Sin registro
settings-registration-registering = Registrando…
settings-registration-registered = Registrada hasta las { $time }
settings-registration-failed = Error: { $reason }
settings-registration-unknown = Esperando al teléfono…
registration-failure-credentials = usuario o contraseña incorrectos
registration-failure-no-password = no hay ninguna contraseña guardada
registration-failure-no-response = el registrador no respondió
registration-failure-network = problema de red ({ $detail })
registration-failure-certificate = el certificado del servidor no es de confianza ({ $detail })
registration-failure-rejected = rechazado por el registrador ({ $code } { $text })
registration-failure-challenge = no se pudo entender el desafío de autenticación del registrador ({ $detail })

## Audio, network and general pages

settings-audio-input = Micrófono
settings-audio-output = Altavoz
settings-audio-ringer = Timbre
settings-audio-default = Predeterminado del sistema
settings-network-sip-port = Puerto SIP (UDP y TCP; 0 elige uno libre)
settings-network-tls-port = Puerto TLS
settings-network-transports = Transportes
settings-general-auto-answer = Responder llamadas automáticamente
settings-general-start-minimised = Iniciar minimizado
settings-general-close-to-tray = Al cerrar la ventana, Handset sigue en la bandeja del sistema
settings-general-autostart = Iniciar al iniciar sesión, en segundo plano
settings-general-dnd = No molestar
settings-general-global-shortcuts = Atajos globales: contestar, colgar y silenciar desde cualquier ventana
settings-general-global-shortcuts-off = El escritorio le pide confirmar las teclas al activarlos.
settings-general-global-shortcuts-binding = Pidiendo las teclas al escritorio…
settings-general-global-shortcuts-bound = { $action }: { $keys }
settings-general-global-shortcuts-no-keys = { $action }: aún sin teclas; elíjalas en la configuración del escritorio
settings-general-global-shortcuts-bound-unlisted = El escritorio configuró los atajos; su configuración muestra las teclas.
settings-general-global-shortcuts-unavailable = Este escritorio no tiene atajos globales (no ofrece el portal XDG GlobalShortcuts).
settings-general-global-shortcuts-refused = El escritorio no configuró los atajos. Desactívelos y vuelva a activarlos para que se lo pregunte de nuevo.
settings-general-allow-direct = Permitir llamadas directas entre pares (sin pasar por una cuenta)
settings-general-ring-timeout = Dejar de sonar tras
settings-general-ring-timeout-seconds = { $seconds } s
settings-general-language = Idioma
settings-general-language-system = Idioma del sistema
settings-general-theme = Colores
settings-general-theme-system = Como el escritorio
settings-general-theme-light = Claro
settings-general-theme-dark = Oscuro
settings-general-country = País de los números locales (dos letras, como ES o MX)
settings-general-country-placeholder = ES
settings-general-country-invalid = Escriba un código de país de dos letras, como ES, MX o AR, o deje el campo vacío.
settings-load-failed = No se pudo cargar su archivo de ajustes. No se ha modificado y no se guardará nada encima.
settings-reset = Restablecer valores predeterminados…
settings-reset-question = ¿Sustituir el archivo por los valores predeterminados? Se conserva una copia como .bak.
settings-reset-confirm = Restablecer
settings-error-generic = { $detail }
settings-expires-not-a-number = Escriba la caducidad como un número de segundos.
settings-port-invalid = Un puerto es un número de 0 a 65535.
# Audio page: volumes and where the phone rings
settings-audio-ringtone-volume = Volumen del tono de llamada
settings-audio-call-volume = Volumen de la llamada (la llamada y sus tonos)
settings-audio-ring-every-output = Sonar en todos los dispositivos de salida
settings-audio-own-ringtone = Sonar siempre con el tono propio de Handset, no con el tema de sonido del escritorio
settings-audio-voice-heading = Limpieza del micrófono
settings-audio-echo-cancellation = Cancelar el eco del altavoz
settings-audio-noise-suppression = Suprimir el ruido de fondo
settings-audio-gain-control = Igualar el volumen del micrófono
settings-audio-test-tone = Reproducir un tono de prueba
settings-audio-test-microphone = Probar el micrófono
settings-audio-test-playing-tone = Sonando un tono en el altavoz…
settings-audio-test-recording = Grabando cinco segundos: diga algo…
settings-audio-test-playing-back = Reproduciendo lo que oyó el micrófono…
settings-audio-test-done = Prueba terminada.
settings-audio-test-failed = La prueba no funcionó: { $detail }
settings-audio-volume-percent = { $percent } %

## Config and password problems (keys from src/config)

config-account-display-name-too-long = El nombre visible es demasiado largo ({ $detail }).
config-account-display-name-control-character = El nombre visible contiene un carácter de control.
config-account-domain-empty = Escriba el dominio o el registrador.
config-account-domain-invalid = No es un host válido: { $detail }
config-account-duplicate = Esta cuenta ya existe ({ $detail }).
config-account-expires-out-of-range = Elija una caducidad de 60 a 86400 segundos ({ $detail }).
config-account-outbound-proxy-invalid = No es un proxy válido: { $detail }
config-account-transport-disabled = Este transporte está desactivado en los ajustes de Red ({ $detail }).
config-account-user-empty = Escriba el nombre de usuario.
config-account-user-invalid-character = El nombre de usuario tiene un carácter que SIP no permite ({ $detail }).
config-account-codecs-empty = Elija al menos un códec.
config-account-codecs-unknown = Códec desconocido: { $detail }
config-account-codecs-duplicate = Hay un códec repetido en la lista: { $detail }
config-account-trusted-certificate-empty = Elija un archivo de certificado.
config-account-trusted-certificate-missing = Falta el archivo de certificado: { $detail }
config-network-tls-port-same-as-sip-port = El puerto TLS debe ser distinto del puerto SIP.
config-network-transports-none = Mantenga activado al menos un transporte.
config-network-keepalive-seconds-out-of-range = El intervalo de keep-alive es demasiado largo: { $detail }. Use de 0 (desactivado) a 3600.
config-error-no-home = No hay ninguna carpeta personal donde guardar los ajustes.
config-error-not-a-file = { $detail }
config-error-unreadable = { $detail }
config-error-corrupt = El archivo de ajustes está dañado: { $detail }
config-error-too-new = El archivo de ajustes es de una versión más reciente de Handset: { $detail }
config-error-save-refused = No se ha guardado: { $detail }
config-error-write = No se pudo guardar: { $detail }
secrets-error-unavailable = No hay ningún llavero disponible: { $detail }
secrets-error-denied = El llavero denegó el acceso: { $detail }
secrets-error-file = { $detail }
secrets-error-corrupt-file = { $detail }
secrets-error-other = { $detail }

# Transport fields of the settings panel (trusted certificate, keep-alive).
settings-account-trusted-certificate = Certificado de confianza (archivo PEM)
settings-account-trusted-certificate-placeholder = /ruta/al/certificado-del-servidor.pem
settings-account-trusted-certificate-hint = Solo para un servidor TLS en el que su sistema no confía, como una centralita con un certificado autofirmado. En otro caso, déjelo vacío.
settings-network-keepalive = Intervalo de keep-alive (segundos, 0 = desactivado)
settings-keepalive-not-a-number = Escriba el intervalo como un número entero de segundos, de 0 (desactivado) a 3600.
settings-network-dns-server = Servidor de nombres para las búsquedas SIP (vacío: el del sistema)
settings-network-dns-server-placeholder = el resolvedor del sistema
settings-dns-server-invalid = «{ $detail }» no es una dirección. Escriba una como 192.0.2.53 o 127.0.0.1:5353, o deje el campo vacío.
tls-read-trusted-certificate = No se puede leer este archivo de certificado: { $detail }
tls-no-pem-certificate = Este archivo no contiene ningún certificado PEM (un bloque -----BEGIN CERTIFICATE-----): { $detail }
tls-bad-trusted-certificate = Este archivo no es un certificado utilizable: { $detail }

## Dates and times
# time-format y date-format son patrones strftime (los del crate jiff), solo con números.

time-format = %H:%M
date-format = %d/%m/%Y
date-time = { $date } { $time }
when-today = { $time }
when-yesterday = Ayer { $time }
when-weekday = { $weekday } { $time }
weekday-name = { $day ->
    [1] Lunes
    [2] Martes
    [3] Miércoles
    [4] Jueves
    [5] Viernes
    [6] Sábado
   *[7] Domingo
}

settings-certificate-checking = Comprobando el certificado…
settings-certificate-not-checked = El teléfono no está en marcha, así que no se puede comprobar este certificado.

## Desktop notifications (the caller is a contact's name, else their address)

notify-incoming-summary = Llamada entrante de { $caller }
notify-answer = Contestar
notify-decline = Rechazar
notify-missed-summary = { $count ->
    [one] Llamada perdida de { $caller }
   *[other] { $count } llamadas perdidas de { $caller }
}
notify-call-back = Devolver la llamada
# Shown by the desktop (e.g. in a log-out dialog) as why the screen stays on.
inhibit-call-reason = Hay una llamada en curso
## Global shortcuts, as the desktop's dialog and settings name them (src/desktop)
shortcut-answer = Contestar la llamada entrante
shortcut-hang-up = Colgar (o rechazar una llamada entrante)
shortcut-mute = Silenciar o reactivar el micrófono
## The tray icon, and links that dial (src/desktop)
tray-title = Handset
tray-starting = Handset se está iniciando
tray-peer-to-peer = Listo para llamadas directas (sin cuenta)
tray-registered = Registrado
tray-registering = Registrando…
tray-failed = { $account } no está registrada
tray-stopped = El teléfono no está en marcha
tray-ringing = { $caller } está llamando
tray-missed = { $count ->
    [one] Una llamada perdida
   *[other] { $count } llamadas perdidas
}
tray-dnd-on = No molestar está activado
tray-show = Mostrar Handset
tray-hide = Ocultar Handset
tray-dnd = No molestar
tray-quit = Salir
link-not-callable = No se puede llamar a { $link }: Handset llama a enlaces sip:, sips:, tel: y callto:.
link-busy = Cuelgue la llamada en curso antes de llamar a { $link }.
autostart-failed = No se pudo cambiar el inicio al iniciar sesión: { $detail }
