# Handset, italiano: le viste della finestra principale (contatti, cronologia, tastierino).
