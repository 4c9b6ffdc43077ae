# Handset, Deutsch: die Ansichten des Hauptfensters (Kontakte, Verlauf, Wähltastatur).
