# Handset, español: las vistas de la ventana principal (contactos, historial, teclado).
