# Handset, français : les vues de la fenêtre principale (contacts, historique, clavier).
