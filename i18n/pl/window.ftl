# Handset, polski: widoki głównego okna (kontakty, historia, klawiatura).
