# Handset, Deutsch: die Ansichten des Hauptfensters (Kontakte, Verlauf, Wähltastatur).

## Left rail
rail-contacts = Kontakte
rail-history = Verlauf
rail-dialpad = Tastenfeld

## Search
search-placeholder = Suchen oder wählen…
search-call-typed = { $address } anrufen

## Contacts
contacts-heading = Kontakte
contacts-new = Neuer Kontakt
contacts-call = Anrufen
contacts-open = Details
contacts-favourites = Favoriten
contacts-empty = Noch keine Kontakte. Legen Sie mit „Neuer Kontakt“ einen an oder ziehen Sie eine .vcf-Datei auf das Fenster, um sie zu importieren.
contacts-no-match = Kein Kontakt passt zu „{ $query }“.
contacts-unreadable = { $count ->
    [one] Eine Kontaktdatei konnte nicht gelesen werden. Sie wurde unverändert gelassen:
   *[other] { $count } Kontaktdateien konnten nicht gelesen werden. Sie wurden unverändert gelassen:
}
contacts-save-failed = Der Kontakt konnte nicht gespeichert werden: { $detail }
contacts-import-unreadable = { $file } konnte nicht gelesen werden: { $detail }
contacts-imported = Aus { $file }: { $added } hinzugefügt, { $merged } zusammengeführt, { $skipped } übersprungen.
contacts-import-skipped = Übersprungen: { $reasons }
contacts-export = Alle exportieren
contacts-exported = Exportiert nach { $file }. Kontakte: { $count }.
contacts-export-failed = Die Kontakte konnten nicht exportiert werden: { $detail }

## Address labels
label-work = Geschäftlich
label-mobile = Mobil
label-home = Privat
label-sip = SIP
label-other = Sonstige

## A contact's page
page-back = ‹ Zurück
contact-gone = Diesen Kontakt gibt es nicht mehr.
contact-calls = Anrufe
contact-no-calls = Noch keine Anrufe mit diesem Kontakt.
contact-edit = Bearbeiten
contact-export = Exportieren
contact-delete = Löschen
contact-delete-cancel = Behalten
contact-delete-confirm = Diesen Kontakt löschen?
contact-favourite = ★ Favorit

## Adding or editing a contact
editor-heading-new = Neuer Kontakt
editor-heading-edit = Kontakt bearbeiten
editor-name = Name
editor-organisation = Organisation
editor-address-placeholder = Nummer oder SIP-Adresse
editor-add-address = Nummer oder Adresse hinzufügen
editor-favourite = Favorit
editor-note = Notiz
editor-error-no-name = Geben Sie dem Kontakt einen Namen oder eine Organisation.
editor-cancel = Abbrechen
editor-save = Speichern

## History
history-heading = Verlauf
history-all = Alle
history-missed = Verpasst
history-clear = Alle löschen
history-clear-confirm = Alle Anrufe aus dem Verlauf löschen?
history-empty = Noch keine Anrufe.
history-no-missed = Keine verpassten Anrufe.
history-call-back = Zurückrufen
history-add-contact = Hinzufügen
history-missed-at = { $when } · verpasst
history-lasted = { $when } · { $duration }
history-not-connected = { $when } · { $reason }
history-failed = Der Anrufverlauf konnte nicht geändert werden: { $detail }

## Dial pad and calls
dialpad-placeholder = Nummer oder Adresse
dialpad-invalid = Das ist weder eine Nummer noch eine SIP-Adresse.
call-from-account = Anrufen über
call-none = Kein laufender Anruf.

## Window title while a call rings
app-title-ringing = { $caller } ruft an — Handset
