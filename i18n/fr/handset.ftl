# Handset, français.
# Syntaxe Fluent (https://projectfluent.org). Mêmes clés et mêmes variables que
# en-US/handset.ftl ; formes du pluriel : [one] et *[other].

app-title = Handset

## Engine status

engine-starting = Démarrage du téléphone…
engine-failed = Le téléphone n’a pas pu démarrer : { $detail }
engine-stopped = Le téléphone s’est arrêté. Relancez Handset pour passer des appels.
engine-error = Une erreur s’est produite : { $detail }

## Dialer

dialer-your-address = Vous êtes joignable à l’adresse
dialer-call = Appeler

## In a call

call-state-calling = Appel en cours…
call-state-ringing = Ça sonne…
call-state-incoming = Appel entrant
call-state-established = Connecté
call-state-ended = Appel terminé
call-mute = Couper le micro
call-unmute = Réactiver le micro
call-muted = Votre micro est coupé
call-hangup = Raccrocher
call-keypad = Clavier
call-keypad-hide = Masquer le clavier
call-hanging-up = Raccrochage…
call-codec = Codec : { $codec }
call-devices = Son : { $device }
call-speaker = Haut-parleur
call-microphone = Microphone
call-audio-moved = Le son de l'appel est passé sur { $device }
call-audio-reopened = Le périphérique audio ne fonctionne plus ; l'appel continue sur { $device }
call-audio-refused = Impossible de changer de périphérique audio : { $detail }

## Incoming call

incoming-heading = Appel entrant
incoming-to = pour { $to }
incoming-answer = Répondre
incoming-decline = Refuser
incoming-answering = Prise de l’appel…

## Ended-call notice

ended-heading = Appel avec { $remote } terminé
ended-duration = Durée { $duration }
ended-dismiss = OK

## Why a call ended

end-local-hangup = Vous avez raccroché.
end-remote-hangup = Votre correspondant a raccroché.
end-caller-cancelled = L’appelant a abandonné avant que vous ne répondiez.
end-declined = L’appel a été refusé.
end-busy = La ligne de votre correspondant est occupée.
end-rejected = L’appel a été rejeté ({ $code } { $text }).
end-no-response = Votre correspondant n’a pas répondu.
end-media-incompatible = Les deux téléphones n’ont pas pu s’accorder sur un format audio.
end-bad-target = Impossible d’appeler cette adresse : { $detail }
end-transport-error = Le réseau a fait défaut : { $detail }
end-audio-error = Le périphérique audio n’a pas pu être utilisé : { $detail }
end-unanswered = Personne n’a répondu : l’appel a cessé de sonner.
end-do-not-disturb = Le mode « Ne pas déranger » a refusé l’appel.
end-unknown = L’appel est terminé.

## Settings panel

settings-open = Paramètres
settings-heading = Paramètres
settings-close = Retour
settings-tab-accounts = Comptes
settings-tab-audio = Audio
settings-tab-network = Réseau
settings-tab-general = Général
settings-no-accounts = Aucun compte pour l’instant. Sans compte, Handset appelle directement d’appareil à appareil.
settings-add-account = Ajouter un compte
settings-edit = Modifier
settings-delete = Supprimer
settings-delete-question = Supprimer { $account } ? Son mot de passe sera également oublié.
settings-delete-confirm = Supprimer
settings-cancel = Annuler
settings-save = Enregistrer
settings-set-default = Définir par défaut
settings-default = par défaut
settings-form-add = Nouveau compte
settings-form-edit = Modifier le compte
settings-account-display-name = Nom affiché
settings-account-user = Utilisateur
settings-account-domain = Domaine ou registraire
settings-account-auth-user = Identifiant d’authentification (s’il diffère)
settings-account-password = Mot de passe
settings-account-proxy = Proxy sortant
settings-account-expires = Durée de l’enregistrement (secondes)
settings-account-transport = Transport
settings-account-transport-auto = Automatique (DNS)
settings-account-register = S’enregistrer
settings-account-enabled = Activé
settings-account-disabled = Désactivé
settings-account-codecs = Codecs (le meilleur en premier ; les codecs désactivés ne sont jamais utilisés)
settings-codec-up = Monter
settings-codec-down = Descendre
settings-storage-unavailable = Aucun trousseau (Secret Service) n’est disponible, le mot de passe ne peut donc pas être conservé en sécurité ({ $detail }). Où faut-il le garder ?
settings-storage-ask = Le demander à chaque démarrage
settings-storage-file = Dans un fichier que je suis seul à pouvoir lire
settings-enter-password = Mot de passe…

## Ask at each start: the password prompt

password-prompt-heading = Mot de passe requis
password-prompt-account = Saisissez le mot de passe de { $account } pour l’enregistrer.
password-prompt-explain = Il reste en mémoire jusqu’à la fermeture de Handset et n’est jamais écrit sur le disque.
password-prompt-placeholder = Mot de passe
password-prompt-ok = OK
password-prompt-later = Plus tard
password-prompt-refused = Le registraire a refusé ce mot de passe. Saisissez-le à nouveau.
password-prompt-waiting = { $count ->
    [one] Un autre compte attend son mot de passe.
   *[other] { $count } autres comptes attendent leur mot de passe.
}

## The account list: registration state

settings-registration-off = Pas d’enregistrement
settings-registration-registering = Enregistrement…
settings-registration-registered = Enregistré jusqu’à { $time }
settings-registration-failed = Échec : { $reason }
settings-registration-unknown = En attente du téléphone…
registration-failure-credentials = nom d’utilisateur ou mot de passe incorrect
registration-failure-no-password = aucun mot de passe n’est enregistré
registration-failure-no-response = le registraire n’a pas répondu
registration-failure-network = problème de réseau ({ $detail })
registration-failure-certificate = le certificat du serveur n’est pas de confiance ({ $detail })
registration-failure-rejected = refusé par le registraire ({ $code } { $text })
registration-failure-challenge = la demande d’authentification du registraire est incompréhensible ({ $detail })

## Audio, network and general pages

settings-audio-input = Microphone
settings-audio-output = Haut-parleur
settings-audio-ringer = Sonnerie
settings-audio-default = Par défaut du système
settings-network-sip-port = Port SIP (UDP et TCP ; 0 en choisit un libre)
settings-network-tls-port = Port TLS
settings-network-transports = Transports
settings-general-auto-answer = Répondre automatiquement aux appels
settings-general-start-minimised = Démarrer en réduit
settings-general-close-to-tray = Fermer la fenêtre garde Handset dans la zone de notification
settings-general-autostart = Démarrer à l’ouverture de session, en arrière-plan
settings-general-dnd = Ne pas déranger
settings-general-global-shortcuts = Raccourcis globaux : répondre, raccrocher et couper le micro depuis n’importe quelle fenêtre
settings-general-global-shortcuts-off = Le bureau vous demande de confirmer les touches quand vous les activez.
settings-general-global-shortcuts-binding = Demande des touches au bureau…
settings-general-global-shortcuts-bound = { $action } : { $keys }
settings-general-global-shortcuts-no-keys = { $action } : pas encore de touches ; choisissez-les dans les paramètres du bureau
settings-general-global-shortcuts-bound-unlisted = Le bureau a mis en place les raccourcis ; ses paramètres indiquent leurs touches.
settings-general-global-shortcuts-unavailable = Ce bureau n’a pas de raccourcis globaux (il n’offre pas le portail XDG GlobalShortcuts).
settings-general-global-shortcuts-refused = Le bureau n’a pas mis en place les raccourcis. Désactivez-les puis réactivez-les pour qu’il vous le redemande.
settings-general-allow-direct = Autoriser les appels directs pair à pair (sans passer par un compte)
settings-general-ring-timeout = Arrêter la sonnerie après
settings-general-ring-timeout-seconds = { $seconds } s
settings-general-language = Langue
settings-general-language-system = Langue du système
settings-general-theme = Couleurs
settings-general-theme-system = Comme le bureau
settings-general-theme-light = Clair
settings-general-theme-dark = Sombre
settings-general-country = Pays des numéros locaux (deux lettres, comme FR ou BE)
settings-general-country-placeholder = FR
settings-general-country-invalid = Saisissez un code pays à deux lettres, comme FR, BE ou CA, ou laissez le champ vide.
settings-load-failed = Votre fichier de paramètres n’a pas pu être chargé. Il n’a pas été modifié et rien ne sera enregistré par-dessus.
settings-reset = Rétablir les valeurs par défaut…
settings-reset-question = Remplacer le fichier par les valeurs par défaut ? Une copie est conservée en .bak.
settings-reset-confirm = Rétablir
settings-error-generic = { $detail }
settings-expires-not-a-number = Indiquez la durée en nombre de secondes.
settings-port-invalid = Un port est un nombre de 0 à 65535.
# Audio page: volumes and where the phone rings
settings-audio-ringtone-volume = Volume de la sonnerie
settings-audio-call-volume = Volume des appels (l'appel et ses tonalités)
settings-audio-ring-every-output = Sonner sur toutes les sorties audio
settings-audio-own-ringtone = Toujours sonner avec la sonnerie de Handset, pas avec le thème sonore du bureau
settings-audio-voice-heading = Traitement du microphone
settings-audio-echo-cancellation = Annuler l’écho du haut-parleur
settings-audio-noise-suppression = Réduire le bruit de fond
settings-audio-gain-control = Égaliser le volume du microphone
settings-audio-test-tone = Jouer un son de test
settings-audio-test-microphone = Tester le microphone
settings-audio-test-playing-tone = Un son joue sur le haut-parleur…
settings-audio-test-recording = Enregistrement de cinq secondes : dites quelque chose…
settings-audio-test-playing-back = Lecture de ce que le microphone a entendu…
settings-audio-test-done = Test terminé.
settings-audio-test-failed = Le test n’a pas fonctionné : { $detail }
settings-audio-volume-percent = { $percent } %

## Config and password problems (keys from src/config)

config-account-display-name-too-long = Le nom affiché est trop long ({ $detail }).
config-account-display-name-control-character = Le nom affiché contient un caractère de contrôle.
config-account-domain-empty = Saisissez le domaine ou le registraire.
config-account-domain-invalid = Hôte non valide : { $detail }
config-account-duplicate = Ce compte existe déjà ({ $detail }).
config-account-expires-out-of-range = Choisissez une durée de 60 à 86400 secondes ({ $detail }).
config-account-outbound-proxy-invalid = Proxy non valide : { $detail }
config-account-transport-disabled = Ce transport est désactivé dans les paramètres Réseau ({ $detail }).
config-account-user-empty = Saisissez le nom d’utilisateur.
config-account-user-invalid-character = Le nom d’utilisateur contient un caractère que SIP n’autorise pas ({ $detail }).
config-account-codecs-empty = Choisissez au moins un codec.
config-account-codecs-unknown = Codec inconnu : { $detail }
config-account-codecs-duplicate = Un codec figure deux fois dans la liste : { $detail }
config-account-trusted-certificate-empty = Choisissez un fichier de certificat.
config-account-trusted-certificate-missing = Le fichier de certificat est introuvable : { $detail }
config-network-tls-port-same-as-sip-port = Le port TLS doit être différent du port SIP.
config-network-transports-none = Laissez au moins un transport activé.
config-network-keepalive-seconds-out-of-range = L’intervalle de maintien de connexion est trop long : { $detail }. Utilisez une valeur de 0 (désactivé) à 3600.
config-error-no-home = Il n’y a pas de dossier personnel où conserver les paramètres.
config-error-not-a-file = { $detail }
config-error-unreadable = { $detail }
config-error-corrupt = Le fichier de paramètres est endommagé : { $detail }
config-error-too-new = Le fichier de paramètres provient d’une version plus récente de Handset : { $detail }
config-error-save-refused = Non enregistré : { $detail }
config-error-write = Enregistrement impossible : { $detail }
secrets-error-unavailable = Aucun trousseau n’est disponible : { $detail }
secrets-error-denied = Le trousseau a refusé l’accès : { $detail }
secrets-error-file = { $detail }
secrets-error-corrupt-file = { $detail }
secrets-error-other = { $detail }

# Transport fields of the settings panel (trusted certificate, keep-alive).
settings-account-trusted-certificate = Certificat de confiance (fichier PEM)
settings-account-trusted-certificate-placeholder = /chemin/vers/certificat-serveur.pem
settings-account-trusted-certificate-hint = Uniquement pour un serveur TLS auquel votre système ne fait pas confiance, comme un PBX avec un certificat auto-signé. Sinon, laissez vide.
settings-network-keepalive = Intervalle de maintien de connexion (secondes, 0 = désactivé)
settings-keepalive-not-a-number = Indiquez l’intervalle en nombre entier de secondes, de 0 (désactivé) à 3600.
settings-network-dns-server = Serveur de noms pour les recherches SIP (vide : celui du système)
settings-network-dns-server-placeholder = le résolveur du système
settings-dns-server-invalid = « { $detail } » n’est pas une adresse. Saisissez-en une comme 192.0.2.53 ou 127.0.0.1:5353, ou laissez le champ vide.
tls-read-trusted-certificate = Ce fichier de certificat est illisible : { $detail }
tls-no-pem-certificate = Ce fichier ne contient aucun certificat PEM (un bloc -----BEGIN CERTIFICATE-----) : { $detail }
tls-bad-trusted-certificate = Ce fichier n’est pas un certificat utilisable : { $detail }

## Dates and times
# time-format et date-format sont des motifs strftime (ceux du crate jiff), uniquement numériques.

time-format = %H:%M
date-format = %d/%m/%Y
date-time = { $date } à { $time }
when-today = { $time }
when-yesterday = Hier à { $time }
when-weekday = { $weekday } à { $time }
weekday-name = { $day ->
    [1] Lundi
    [2] Mardi
    [3] Mercredi
    [4] Jeudi
    [5] Vendredi
    [6] Samedi
   *[7] Dimanche
}

settings-certificate-checking = Vérification du certificat…
settings-certificate-not-checked = Le téléphone n’est pas en marche : ce certificat ne peut pas être vérifié.

## Desktop notifications (the caller is a contact's name, else their address)

notify-incoming-summary = Appel entrant de { $caller }
notify-answer = Répondre
notify-decline = Refuser
notify-missed-summary = { $count ->
    [one] Appel manqué de { $caller }
   *[other] { $count } appels manqués de { $caller }
}
notify-call-back = Rappeler
# Shown by the desktop (e.g. in a log-out dialog) as why the screen stays on.
inhibit-call-reason = Un appel est en cours
## Global shortcuts, as the desktop's dialog and settings name them (src/desktop)
shortcut-answer = Répondre à l’appel qui sonne
shortcut-hang-up = Raccrocher (ou refuser un appel qui sonne)
shortcut-mute = Couper ou rétablir le micro
## The tray icon, and links that dial (src/desktop)
tray-title = Handset
tray-starting = Handset démarre
tray-peer-to-peer = Prêt pour les appels directs (aucun compte)
tray-registered = Enregistré
tray-registering = Enregistrement…
tray-failed = { $account } n’est pas enregistré
tray-stopped = Le téléphone ne fonctionne pas
tray-ringing = { $caller } appelle
tray-missed = { $count ->
    [one] Un appel manqué
   *[other] { $count } appels manqués
}
tray-dnd-on = Ne pas déranger est activé
tray-show = Afficher Handset
tray-hide = Masquer Handset
tray-dnd = Ne pas déranger
tray-quit = Quitter
link-not-callable = Impossible d’appeler { $link } : Handset appelle les liens sip:, sips:, tel: et callto:.
link-busy = Raccrochez l’appel en cours avant d’appeler { $link }.
autostart-failed = Le démarrage à l’ouverture de session n’a pas pu être modifié : { $detail }
