# Handset, português (Brasil): as telas da janela principal (contatos, histórico, teclado).

## Left rail
rail-contacts = Contatos
rail-history = Histórico
rail-dialpad = Teclado

## Search
search-placeholder = Pesquisar ou discar…
search-call-typed = Chamar { $address }

## Contacts
contacts-heading = Contatos
contacts-new = Novo contato
contacts-call = Chamar
contacts-open = Detalhes
contacts-favourites = Favoritos
contacts-empty = Ainda não há contatos. Adicione um com “Novo contato” ou solte um arquivo .vcf na janela para importá-lo.
contacts-no-match = Ninguém corresponde a “{ $query }”.
contacts-unreadable = { $count ->
    [one] Não foi possível ler um arquivo de contato. Ele foi deixado como estava:
   *[other] Não foi possível ler { $count } arquivos de contato. Eles foram deixados como estavam:
}
contacts-save-failed = Não foi possível salvar o contato: { $detail }
contacts-import-unreadable = Não foi possível ler { $file }: { $detail }
contacts-imported = De { $file }: { $added ->
        [one] { $added } adicionado
       *[other] { $added } adicionados
    }, { $merged ->
        [one] { $merged } mesclado
       *[other] { $merged } mesclados
    }, { $skipped ->
        [one] { $skipped } ignorado
       *[other] { $skipped } ignorados
    }.
contacts-import-skipped = Ignorados: { $reasons }
contacts-export = Exportar todos
contacts-exported = Exportado para { $file }. Contatos: { $count }.
contacts-export-failed = Não foi possível exportar os contatos: { $detail }

## Address labels
label-work = Trabalho
label-mobile = Celular
label-home = Casa
label-sip = SIP
label-other = Outro

## A contact's page
page-back = ‹ Voltar
contact-gone = Este contato não existe mais.
contact-calls = Chamadas
contact-no-calls = Ainda não há chamadas com este contato.
contact-edit = Editar
contact-export = Exportar
contact-delete = Excluir
contact-delete-cancel = Manter
contact-delete-confirm = Excluir este contato?
contact-favourite = ★ Favorito

## Adding or editing a contact
editor-heading-new = Novo contato
editor-heading-edit = Editar contato
editor-name = Nome
editor-organisation = Organização
editor-address-placeholder = Número ou endereço SIP
editor-add-address = Adicionar um número ou endereço
editor-favourite = Favorito
editor-note = Observação
editor-error-no-name = Dê ao contato um nome ou uma organização.
editor-cancel = Cancelar
editor-save = Salvar

## History
history-heading = Histórico
history-all = Todas
history-missed = Perdidas
history-clear = Limpar tudo
history-clear-confirm = Excluir todas as chamadas do histórico?
history-empty = Ainda não há chamadas.
history-no-missed = Nenhuma chamada perdida.
history-call-back = Retornar chamada
history-add-contact = Adicionar
history-missed-at = { $when } · perdida
history-lasted = { $when } · { $duration }
history-not-connected = { $when } · { $reason }
history-failed = Não foi possível alterar o histórico de chamadas: { $detail }

## Dial pad and calls
dialpad-placeholder = Número ou endereço
dialpad-invalid = Isso não é um número nem um endereço SIP.
call-from-account = Chamar pela conta
call-none = Nenhuma chamada em andamento.

## Window title while a call rings
app-title-ringing = { $caller } está chamando — Handset
