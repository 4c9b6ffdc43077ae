# Handset, Nederlands: de weergaven van het hoofdvenster (contacten, geschiedenis, kiesblok).

## Left rail
rail-contacts = Contacten
rail-history = Geschiedenis
rail-dialpad = Toetsenblok

## Search
search-placeholder = Zoeken of bellen…
search-call-typed = { $address } bellen

## Contacts
contacts-heading = Contacten
contacts-new = Nieuw contact
contacts-call = Bellen
contacts-open = Details
contacts-favourites = Favorieten
contacts-empty = Nog geen contacten. Voeg er een toe met ‘Nieuw contact’ of sleep een .vcf-bestand naar het venster om het te importeren.
contacts-no-match = Niemand komt overeen met ‘{ $query }’.
contacts-unreadable = { $count ->
    [one] Eén contactbestand kon niet worden gelezen. Het is ongewijzigd gelaten:
   *[other] { $count } contactbestanden konden niet worden gelezen. Ze zijn ongewijzigd gelaten:
}
contacts-save-failed = Het contact kon niet worden opgeslagen: { $detail }
contacts-import-unreadable = { $file } kon niet worden gelezen: { $detail }
contacts-imported = Uit { $file }: { $added } toegevoegd, { $merged } samengevoegd, { $skipped } overgeslagen.
contacts-import-skipped = Overgeslagen: { $reasons }
contacts-export = Alles exporteren
contacts-exported = Geëxporteerd naar { $file }. Contacten: { $count }.
contacts-export-failed = De contacten konden niet worden geëxporteerd: { $detail }

## Address labels
label-work = Werk
label-mobile = Mobiel
label-home = Thuis
label-sip = SIP
label-other = Overig

## A contact's page
page-back = ‹ Terug
contact-gone = Dit contact bestaat niet meer.
contact-calls = Gesprekken
contact-no-calls = Nog geen gesprekken met dit contact.
contact-edit = Bewerken
contact-export = Exporteren
contact-delete = Verwijderen
contact-delete-cancel = Behouden
contact-delete-confirm = Dit contact verwijderen?
contact-favourite = ★ Favoriet

## Adding or editing a contact
editor-heading-new = Nieuw contact
editor-heading-edit = Contact bewerken
editor-name = Naam
editor-organisation = Organisatie
editor-address-placeholder = Nummer of SIP-adres
editor-add-address = Een nummer of adres toevoegen
editor-favourite = Favoriet
editor-note = Notitie
editor-error-no-name = Geef het contact een naam of een organisatie.
editor-cancel = Annuleren
editor-save = Opslaan

## History
history-heading = Geschiedenis
history-all = Alle
history-missed = Gemist
history-clear = Alles wissen
history-clear-confirm = Alle gesprekken uit de geschiedenis verwijderen?
history-empty = Nog geen gesprekken.
history-no-missed = Geen gemiste oproepen.
history-call-back = Terugbellen
history-add-contact = Toevoegen
history-missed-at = { $when } · gemist
history-lasted = { $when } · { $duration }
history-not-connected = { $when } · { $reason }
history-failed = De gespreksgeschiedenis kon niet worden gewijzigd: { $detail }

## Dial pad and calls
dialpad-placeholder = Nummer of adres
dialpad-invalid = Dat is geen nummer en ook geen SIP-adres.
call-from-account = Bellen via
call-none = Er is geen gesprek bezig.

## Window title while a call rings
app-title-ringing = { $caller } belt — Handset
