# Handset, português (Brasil): as telas da janela principal (contatos, histórico, teclado).
