# Handset, français : les vues de la fenêtre principale (contacts, historique, clavier).

## Left rail
rail-contacts = Contacts
rail-history = Historique
rail-dialpad = Clavier

## Search
search-placeholder = Rechercher ou composer…
search-call-typed = Appeler { $address }

## Contacts
contacts-heading = Contacts
contacts-new = Nouveau contact
contacts-call = Appeler
contacts-open = Détails
contacts-favourites = Favoris
contacts-empty = Aucun contact pour l’instant. Ajoutez-en un avec « Nouveau contact », ou déposez un fichier .vcf sur la fenêtre pour l’importer.
contacts-no-match = Personne ne correspond à « { $query } ».
contacts-unreadable = { $count ->
    [one] Un fichier de contact n’a pas pu être lu. Il a été laissé tel quel :
   *[other] { $count } fichiers de contact n’ont pas pu être lus. Ils ont été laissés tels quels :
}
contacts-save-failed = Le contact n’a pas pu être enregistré : { $detail }
contacts-import-unreadable = Impossible de lire { $file } : { $detail }
contacts-imported = Depuis { $file } : { $added ->
        [one] { $added } ajouté
       *[other] { $added } ajoutés
    }, { $merged ->
        [one] { $merged } fusionné
       *[other] { $merged } fusionnés
    }, { $skipped ->
        [one] { $skipped } ignoré
       *[other] { $skipped } ignorés
    }.
contacts-import-skipped = Ignorés : { $reasons }
contacts-export = Tout exporter
contacts-exported = Exporté vers { $file }. Contacts : { $count }.
contacts-export-failed = Impossible d’exporter les contacts : { $detail }

## Address labels
label-work = Travail
label-mobile = Mobile
label-home = Domicile
label-sip = SIP
label-other = Autre

## A contact's page
page-back = ‹ Retour
contact-gone = Ce contact n’existe plus.
contact-calls = Appels
contact-no-calls = Aucun appel avec ce contact pour l’instant.
contact-edit = Modifier
contact-export = Exporter
contact-delete = Supprimer
contact-delete-cancel = Conserver
contact-delete-confirm = Supprimer ce contact ?
contact-favourite = ★ Favori

## Adding or editing a contact
editor-heading-new = Nouveau contact
editor-heading-edit = Modifier le contact
editor-name = Nom
editor-organisation = Organisation
editor-address-placeholder = Numéro ou adresse SIP
editor-add-address = Ajouter un numéro ou une adresse
editor-favourite = Favori
editor-note = Note
editor-error-no-name = Donnez un nom ou une organisation au contact.
editor-cancel = Annuler
editor-save = Enregistrer

## History
history-heading = Historique
history-all = Tous
history-missed = Manqués
history-clear = Tout effacer
history-clear-confirm = Supprimer tous les appels de l’historique ?
history-empty = Aucun appel pour l’instant.
history-no-missed = Aucun appel manqué.
history-call-back = Rappeler
history-add-contact = Ajouter
history-missed-at = { $when } · manqué
history-lasted = { $when } · { $duration }
history-not-connected = { $when } · { $reason }
history-failed = L’historique des appels n’a pas pu être modifié : { $detail }

## Dial pad and calls
dialpad-placeholder = Numéro ou adresse
dialpad-invalid = Ce n’est ni un numéro ni une adresse SIP.
call-from-account = Appeler depuis
call-none = Aucun appel en cours.

## Window title while a call rings
app-title-ringing = { $caller } vous appelle — Handset
