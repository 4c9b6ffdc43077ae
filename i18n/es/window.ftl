# Handset, español: las vistas de la ventana principal (contactos, historial, teclado).

## Left rail
rail-contacts = Contactos
rail-history = Historial
rail-dialpad = Teclado

## Search
search-placeholder = Buscar o marcar…
search-call-typed = Llamar a { $address }

## Contacts
contacts-heading = Contactos
contacts-new = Nuevo contacto
contacts-call = Llamar
contacts-open = Detalles
contacts-favourites = Favoritos
contacts-empty = Todavía no hay contactos. Añada uno con «Nuevo contacto» o arrastre un archivo .vcf a la ventana para importarlo.
contacts-no-match = Nadie coincide con «{ $query }».
contacts-unreadable = { $count ->
    [one] No se pudo leer un archivo de contacto. Se ha dejado tal como estaba:
   *[other] No se pudieron leer { $count } archivos de contacto. Se han dejado tal como estaban:
}
contacts-save-failed = No se pudo guardar el contacto: { $detail }
contacts-import-unreadable = No se pudo leer { $file }: { $detail }
contacts-imported = De { $file }: { $added ->
        [one] { $added } añadido
       *[other] { $added } añadidos
    }, { $merged ->
        [one] { $merged } combinado
       *[other] { $merged } combinados
    }, { $skipped ->
        [one] { $skipped } omitido
       *[other] { $skipped } omitidos
    }.
contacts-import-skipped = Omitidos: { $reasons }
contacts-export = Exportar todos
contacts-exported = Exportado a { $file }. Contactos: { $count }.
contacts-export-failed = No se pudieron exportar los contactos: { $detail }

## Address labels
label-work = Trabajo
label-mobile = Móvil
label-home = Casa
label-sip = SIP
label-other = Otro

## A contact's page
page-back = ‹ Volver
contact-gone = Este contacto ya no existe.
contact-calls = Llamadas
contact-no-calls = Todavía no hay llamadas con este contacto.
contact-edit = Editar
contact-export = Exportar
contact-delete = Eliminar
contact-delete-cancel = Conservar
contact-delete-confirm = ¿Eliminar este contacto?
contact-favourite = ★ Favorito

## Adding or editing a contact
editor-heading-new = Nuevo contacto
editor-heading-edit = Editar contacto
editor-name = Nombre
editor-organisation = Organización
editor-address-placeholder = Número o dirección SIP
editor-add-address = Añadir un número o una dirección
editor-favourite = Favorito
editor-note = Nota
editor-error-no-name = Indique un nombre o una organización para el contacto.
editor-cancel = Cancelar
editor-save = Guardar

## History
history-heading = Historial
history-all = Todas
history-missed = Perdidas
history-clear = Borrar todo
history-clear-confirm = ¿Eliminar todas las llamadas del historial?
history-empty = Todavía no hay llamadas.
history-no-missed = No hay llamadas perdidas.
history-call-back = Devolver llamada
history-add-contact = Añadir
history-missed-at = { $when } · perdida
history-lasted = { $when } · { $duration }
history-not-connected = { $when } · { $reason }
history-failed = No se pudo modificar el historial de llamadas: { $detail }

## Dial pad and calls
dialpad-placeholder = Número o dirección
dialpad-invalid = Eso no es ni un número ni una dirección SIP.
call-from-account = Llamar desde
call-none = No hay ninguna llamada en curso.

## Window title while a call rings
app-title-ringing = { $caller } está llamando — Handset
