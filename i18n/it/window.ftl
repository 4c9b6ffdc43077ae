# Handset, italiano: le viste della finestra principale (contatti, cronologia, tastierino).

## Left rail
rail-contacts = Contatti
rail-history = Cronologia
rail-dialpad = Tastierino

## Search
search-placeholder = Cerca o componi…
search-call-typed = Chiama { $address }

## Contacts
contacts-heading = Contatti
contacts-new = Nuovo contatto
contacts-call = Chiama
contacts-open = Dettagli
contacts-favourites = Preferiti
contacts-empty = Ancora nessun contatto. Aggiungine uno con «Nuovo contatto» oppure trascina un file .vcf sulla finestra per importarlo.
contacts-no-match = Nessuno corrisponde a «{ $query }».
contacts-unreadable = { $count ->
    [one] Impossibile leggere un file di contatto. È stato lasciato com’era:
   *[other] Impossibile leggere { $count } file di contatto. Sono stati lasciati com’erano:
}
contacts-save-failed = Impossibile salvare il contatto: { $detail }
contacts-import-unreadable = Impossibile leggere { $file }: { $detail }
contacts-imported = Da { $file }: { $added ->
        [one] { $added } aggiunto
       *[other] { $added } aggiunti
    }, { $merged ->
        [one] { $merged } unito
       *[other] { $merged } uniti
    }, { $skipped ->
        [one] { $skipped } saltato
       *[other] { $skipped } saltati
    }.
contacts-import-skipped = Saltati: { $reasons }
contacts-export = Esporta tutti
contacts-exported = Esportato in { $file }. Contatti: { $count }.
contacts-export-failed = Impossibile esportare i contatti: { $detail }

## Address labels
label-work = Lavoro
label-mobile = Cellulare
label-home = Casa
label-sip = SIP
label-other = Altro

## A contact's page
page-back = ‹ Indietro
contact-gone = Questo contatto non esiste più.
contact-calls = Chiamate
contact-no-calls = Ancora nessuna chiamata con questo contatto.
contact-edit = Modifica
contact-export = Esporta
contact-delete = Elimina
contact-delete-cancel = Mantieni
contact-delete-confirm = Eliminare questo contatto?
contact-favourite = ★ Preferito

## Adding or editing a contact
editor-heading-new = Nuovo contatto
editor-heading-edit = Modifica contatto
editor-name = Nome
editor-organisation = Organizzazione
editor-address-placeholder = Numero o indirizzo SIP
editor-add-address = Aggiungi un numero o un indirizzo
editor-favourite = Preferito
editor-note = Nota
editor-error-no-name = Dai al contatto un nome o un’organizzazione.
editor-cancel = Annulla
editor-save = Salva

## History
history-heading = Cronologia
history-all = Tutte
history-missed = Perse
history-clear = Cancella tutto
history-clear-confirm = Eliminare tutte le chiamate dalla cronologia?
history-empty = Ancora nessuna chiamata.
history-no-missed = Nessuna chiamata persa.
history-call-back = Richiama
history-add-contact = Aggiungi
history-missed-at = { $when } · persa
history-lasted = { $when } · { $duration }
history-not-connected = { $when } · { $reason }
history-failed = Impossibile modificare la cronologia delle chiamate: { $detail }

## Dial pad and calls
dialpad-placeholder = Numero o indirizzo
dialpad-invalid = Non è né un numero né un indirizzo SIP.
call-from-account = Chiama da
call-none = Nessuna chiamata in corso.

## Window title while a call rings
app-title-ringing = { $caller } ti sta chiamando — Handset
