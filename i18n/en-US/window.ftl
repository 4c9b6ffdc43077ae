# The window around the pages: the search bar, the left rail, the contacts, history and
# dial pad pages.

## Left rail
rail-contacts = Contacts
rail-history = History
rail-dialpad = Keypad

## Search
search-placeholder = Search or dial…
search-call-typed = Call { $address }

## Contacts
contacts-heading = Contacts
contacts-new = New contact
contacts-call = Call
contacts-open = Details
contacts-favourites = Favourites
contacts-empty = No contacts yet. Add one with “New contact”, or drop a .vcf file on the window to import it.
contacts-no-match = Nobody matches “{ $query }”.
contacts-unreadable = { $count ->
    [one] One contact file could not be read. It was left as it is:
   *[other] { $count } contact files could not be read. They were left as they are:
}
contacts-save-failed = The contact could not be saved: { $detail }
contacts-import-unreadable = { $file } could not be read: { $detail }
contacts-imported = From { $file }: { $added } added, { $merged } merged, { $skipped } skipped.
contacts-import-skipped = Skipped: { $reasons }
contacts-export = Export all
contacts-exported = Exported to { $file }. Contacts: { $count }.
contacts-export-failed = The contacts could not be exported: { $detail }

## Address labels
label-work = Work
label-mobile = Mobile
label-home = Home
label-sip = SIP
label-other = Other

## A contact's page
page-back = ‹ Back
contact-gone = This contact no longer exists.
contact-calls = Calls
contact-no-calls = No calls with this contact yet.
contact-edit = Edit
contact-export = Export
contact-delete = Delete
contact-delete-cancel = Keep
contact-delete-confirm = Delete this contact?
contact-favourite = ★ Favourite

## Adding or editing a contact
editor-heading-new = New contact
editor-heading-edit = Edit contact
editor-name = Name
editor-organisation = Organisation
editor-address-placeholder = Number or SIP address
editor-add-address = Add a number or address
editor-favourite = Favourite
editor-note = Note
editor-error-no-name = Give the contact a name or an organisation.
editor-cancel = Cancel
editor-save = Save

## History
history-heading = History
history-all = All
history-missed = Missed
history-clear = Clear all
history-clear-confirm = Delete every call from the history?
history-empty = No calls yet.
history-no-missed = No missed calls.
history-call-back = Call back
history-add-contact = Add
history-missed-at = { $when } · missed
history-lasted = { $when } · { $duration }
history-not-connected = { $when } · { $reason }
history-failed = The call history could not be changed: { $detail }

## Dial pad and calls
dialpad-placeholder = Number or address
dialpad-invalid = That is neither a number nor a SIP address.
call-from-account = Call from
call-none = No call in progress.

## Window title while a call rings
app-title-ringing = { $caller } is calling — Handset
