# Handset, Nederlands: de weergaven van het hoofdvenster (contacten, geschiedenis, kiesblok).
