# Handset, português (Brasil).
# Sintaxe Fluent (https://projectfluent.org). As mesmas chaves e variáveis de
# en-US/handset.ftl; formas de plural: [one] e *[other].

app-title = Handset

## Engine status

engine-starting = Iniciando o telefone…
engine-failed = Não foi possível iniciar o telefone: { $detail }
engine-stopped = O telefone parou. Reinicie o Handset para fazer chamadas.
engine-error = Algo deu errado: { $detail }

## Dialer

dialer-your-address = Você pode ser chamado em
dialer-call = Chamar

## In a call

call-state-calling = Chamando…
call-state-ringing = Tocando…
call-state-incoming = Chamada recebida
call-state-established = Conectado
call-state-ended = Chamada encerrada
call-mute = Silenciar
call-unmute = Ativar microfone
call-muted = Seu microfone está silenciado
call-hangup = Desligar
call-keypad = Teclado
call-keypad-hide = Ocultar teclado
call-hanging-up = Desligando…
call-codec = Codec: { $codec }
call-devices = Som: { $device }
call-speaker = Alto-falante
call-microphone = Microfone
call-audio-moved = O áudio da chamada passou para { $device }
call-audio-reopened = O dispositivo de som parou de funcionar; a chamada continua em { $device }
call-audio-refused = Não foi possível trocar o dispositivo de som: { $detail }

## Incoming call

incoming-heading = Chamada recebida
incoming-to = para { $to }
incoming-answer = Atender
incoming-decline = Recusar
incoming-answering = Atendendo…

## Ended-call notice

ended-heading = Chamada com { $remote } encerrada
ended-duration = Duração { $duration }
ended-dismiss = OK

## Why a call ended

end-local-hangup = Você desligou.
end-remote-hangup = O outro lado desligou.
end-caller-cancelled = Quem ligou desistiu antes de você atender.
end-declined = A chamada foi recusada.
end-busy = O outro lado está ocupado.
end-rejected = A chamada foi rejeitada ({ $code } { $text }).
end-no-response = O outro lado não respondeu.
end-media-incompatible = Os dois telefones não chegaram a um acordo sobre o formato de áudio.
end-bad-target = Não é possível chamar esse endereço: { $detail }
end-transport-error = A rede falhou: { $detail }
end-audio-error = Não foi possível usar o dispositivo de som: { $detail }
end-unanswered = Ninguém atendeu, então a chamada parou de tocar.
end-do-not-disturb = O modo “Não perturbe” recusou a chamada.
end-unknown = A chamada foi encerrada.

## Settings panel

settings-open = Configurações
settings-heading = Configurações
settings-close = Voltar
settings-tab-accounts = Contas
settings-tab-audio = Áudio
settings-tab-network = Rede
settings-tab-general = Geral
settings-no-accounts = Ainda não há contas. Sem uma, o Handset chama diretamente de aparelho para aparelho.
settings-add-account = Adicionar conta
settings-edit = Editar
settings-delete = Excluir
settings-delete-question = Excluir { $account }? A senha dela também será esquecida.
settings-delete-confirm = Excluir
settings-cancel = Cancelar
settings-save = Salvar
settings-set-default = Definir como padrão
settings-default = padrão
settings-form-add = Nova conta
settings-form-edit = Editar conta
settings-account-display-name = Nome de exibição
settings-account-user = Usuário
settings-account-domain = Domínio ou registrador
settings-account-auth-user = Usuário de autenticação (se for diferente)
settings-account-password = Senha
settings-account-proxy = Proxy de saída
settings-account-expires = Validade do registro (segundos)
settings-account-transport = Transporte
settings-account-transport-auto = Automático (DNS)
settings-account-register = Registrar
settings-account-enabled = Ativada
settings-account-disabled = Desativada
settings-account-codecs = Codecs (o melhor primeiro; codecs desligados nunca são usados)
settings-codec-up = Subir
settings-codec-down = Descer
settings-storage-unavailable = Nenhum chaveiro (Secret Service) está em execução, então a senha não pode ser guardada com segurança ({ $detail }). Onde ela deve ficar?
settings-storage-ask = Perguntar a cada início
settings-storage-file = Em um arquivo que só eu posso ler
settings-enter-password = Senha…

## Ask at each start: the password prompt

password-prompt-heading = Senha necessária
password-prompt-account = Digite a senha de { $account } para registrar a conta.
password-prompt-explain = Ela fica na memória até o Handset ser fechado e nunca é gravada no disco.
password-prompt-placeholder = Senha
password-prompt-ok = OK
password-prompt-later = Mais tarde
password-prompt-refused = O registrador recusou essa senha. Digite-a novamente.
password-prompt-waiting = { $count ->
    [one] Mais uma conta está esperando a senha.
   *[other] Mais { $count } contas estão esperando a senha.
}

## The account list: registration state

settings-registration-off = Sem registro
settings-registration-registering = Registrando…
settings-registration-registered = Registrada até { $time }
settings-registration-failed = Falhou: { $reason }
settings-registration-unknown = Aguardando o telefone…
registration-failure-credentials = usuário ou senha incorretos
registration-failure-no-password = nenhuma senha está guardada
registration-failure-no-response = o registrador não respondeu
registration-failure-network = problema de rede ({ $detail })
registration-failure-certificate = o certificado do servidor não é confiável ({ $detail })
registration-failure-rejected = recusado pelo registrador ({ $code } { $text })
registration-failure-challenge = o desafio de autenticação do registrador não pôde ser entendido ({ $detail })

## Audio, network and general pages

settings-audio-input = Microfone
settings-audio-output = Alto-falante
settings-audio-ringer = Toque
settings-audio-default = Padrão do sistema
settings-network-sip-port = Porta SIP (UDP e TCP; 0 escolhe uma livre)
settings-network-tls-port = Porta TLS
settings-network-transports = Transportes
settings-general-auto-answer = Atender chamadas automaticamente
settings-general-start-minimised = Iniciar minimizado
settings-general-close-to-tray = Fechar a janela mantém o Handset na bandeja do sistema
settings-general-autostart = Iniciar ao entrar na sessão, em segundo plano
settings-general-dnd = Não perturbe
settings-general-global-shortcuts = Atalhos globais: atender, desligar e silenciar de qualquer janela
settings-general-global-shortcuts-off = O ambiente de trabalho pede que você confirme as teclas ao ativá-los.
settings-general-global-shortcuts-binding = Pedindo as teclas ao ambiente de trabalho…
settings-general-global-shortcuts-bound = { $action }: { $keys }
settings-general-global-shortcuts-no-keys = { $action }: ainda sem teclas; escolha-as nas configurações do ambiente de trabalho
settings-general-global-shortcuts-bound-unlisted = O ambiente de trabalho configurou os atalhos; as configurações dele mostram as teclas.
settings-general-global-shortcuts-unavailable = Este ambiente de trabalho não tem atalhos globais (não oferece o portal XDG GlobalShortcuts).
settings-general-global-shortcuts-refused = O ambiente de trabalho não configurou os atalhos. Desative-os e ative-os de novo para ser perguntado outra vez.
settings-general-allow-direct = Permitir chamadas diretas ponto a ponto (sem passar por uma conta)
settings-general-ring-timeout = Parar de tocar após
settings-general-ring-timeout-seconds = { $seconds } s
settings-general-language = Idioma
settings-general-language-system = Idioma do sistema
settings-general-theme = Cores
settings-general-theme-system = Igual à área de trabalho
settings-general-theme-light = Claro
settings-general-theme-dark = Escuro
settings-general-country = País dos números locais (duas letras, como BR ou PT)
settings-general-country-placeholder = BR
settings-general-country-invalid = Digite um código de país de duas letras, como BR, PT ou US, ou deixe o campo vazio.
settings-load-failed = Não foi possível carregar o arquivo de configurações. Ele não foi alterado e nada será gravado por cima dele.
settings-reset = Restaurar padrões…
settings-reset-question = Substituir o arquivo pelos padrões? Uma cópia fica guardada como .bak.
settings-reset-confirm = Restaurar
settings-error-generic = { $detail }
settings-expires-not-a-number = Digite a validade como um número de segundos.
settings-port-invalid = Uma porta é um número de 0 a 65535.
# Audio page: volumes and where the phone rings
settings-audio-ringtone-volume = Volume do toque
settings-audio-call-volume = Volume da chamada (a chamada e seus tons)
settings-audio-ring-every-output = Tocar em todos os dispositivos de saída
settings-audio-own-ringtone = Sempre tocar com o toque do próprio Handset, não com o tema de sons da área de trabalho
settings-audio-voice-heading = Limpeza do microfone
settings-audio-echo-cancellation = Cancelar o eco do alto-falante
settings-audio-noise-suppression = Suprimir o ruído de fundo
settings-audio-gain-control = Equalizar o volume do microfone
settings-audio-test-tone = Tocar um tom de teste
settings-audio-test-microphone = Testar o microfone
settings-audio-test-playing-tone = Tocando um tom no alto-falante…
settings-audio-test-recording = Gravando cinco segundos: diga algo…
settings-audio-test-playing-back = Reproduzindo o que o microfone ouviu…
settings-audio-test-done = Teste concluído.
settings-audio-test-failed = O teste não funcionou: { $detail }
settings-audio-volume-percent = { $percent }%

## Config and password problems (keys from src/config)

config-account-display-name-too-long = O nome de exibição é longo demais ({ $detail }).
config-account-display-name-control-character = O nome de exibição contém um caractere de controle.
config-account-domain-empty = Digite o domínio ou o registrador.
config-account-domain-invalid = Host inválido: { $detail }
config-account-duplicate = Esta conta já existe ({ $detail }).
config-account-expires-out-of-range = Escolha uma validade de 60 a 86400 segundos ({ $detail }).
config-account-outbound-proxy-invalid = Proxy inválido: { $detail }
config-account-transport-disabled = Este transporte está desligado nas configurações de Rede ({ $detail }).
config-account-user-empty = Digite o nome de usuário.
config-account-user-invalid-character = O nome de usuário tem um caractere que o SIP não permite ({ $detail }).
config-account-codecs-empty = Escolha pelo menos um codec.
config-account-codecs-unknown = Codec desconhecido: { $detail }
config-account-codecs-duplicate = Um codec aparece duas vezes na lista: { $detail }
config-account-trusted-certificate-empty = Escolha um arquivo de certificado.
config-account-trusted-certificate-missing = O arquivo de certificado não existe: { $detail }
config-network-tls-port-same-as-sip-port = A porta TLS deve ser diferente da porta SIP.
config-network-transports-none = Mantenha pelo menos um transporte ligado.
config-network-keepalive-seconds-out-of-range = O intervalo de keep-alive é longo demais: { $detail }. Use de 0 (desligado) a 3600.
config-error-no-home = Não há pasta pessoal onde guardar as configurações.
config-error-not-a-file = { $detail }
config-error-unreadable = { $detail }
config-error-corrupt = O arquivo de configurações está danificado: { $detail }
config-error-too-new = O arquivo de configurações é de uma versão mais nova do Handset: { $detail }
config-error-save-refused = Não foi salvo: { $detail }
config-error-write = Não foi possível salvar: { $detail }
secrets-error-unavailable = Nenhum chaveiro disponível: { $detail }
secrets-error-denied = O chaveiro negou o acesso: { $detail }
secrets-error-file = { $detail }
secrets-error-corrupt-file = { $detail }
secrets-error-other = { $detail }

# Transport fields of the settings panel (trusted certificate, keep-alive).
settings-account-trusted-certificate = Certificado confiável (arquivo PEM)
settings-account-trusted-certificate-placeholder = /caminho/para/certificado-do-servidor.pem
settings-account-trusted-certificate-hint = Só para um servidor TLS em que o seu sistema não confia, como um PABX com certificado autoassinado. Caso contrário, deixe em branco.
settings-network-keepalive = Intervalo de keep-alive (segundos, 0 = desligado)
settings-keepalive-not-a-number = Digite o intervalo como um número inteiro de segundos, de 0 (desligado) a 3600.
settings-network-dns-server = Servidor de nomes para consultas SIP (vazio: o do sistema)
settings-network-dns-server-placeholder = o resolvedor do sistema
settings-dns-server-invalid = “{ $detail }” não é um endereço. Digite um como 192.0.2.53 ou 127.0.0.1:5353, ou deixe o campo vazio.
tls-read-trusted-certificate = Não é possível ler este arquivo de certificado: { $detail }
tls-no-pem-certificate = Este arquivo não contém nenhum certificado PEM (um bloco -----BEGIN CERTIFICATE-----): { $detail }
tls-bad-trusted-certificate = Este arquivo não é um certificado utilizável: { $detail }

## Dates and times
# time-format e date-format são padrões strftime (os do crate jiff), só com números.

time-format = %H:%M
date-format = %d/%m/%Y
date-time = { $date } { $time }
when-today = { $time }
when-yesterday = Ontem { $time }
when-weekday = { $weekday } { $time }
weekday-name = { $day ->
    [1] Segunda-feira
    [2] Terça-feira
    [3] Quarta-feira
    [4] Quinta-feira
    [5] Sexta-feira
    [6] Sábado
   *[7] Domingo
}

settings-certificate-checking = Verificando o certificado…
settings-certificate-not-checked = O telefone não está em execução, então este certificado não pode ser verificado.

## Desktop notifications (the caller is a contact's name, else their address)

notify-incoming-summary = Chamada recebida de { $caller }
notify-answer = Atender
notify-decline = Recusar
notify-missed-summary = { $count ->
    [one] Chamada perdida de { $caller }
   *[other] { $count } chamadas perdidas de { $caller }
}
notify-call-back = Retornar a chamada
# Shown by the desktop (e.g. in a log-out dialog) as why the screen stays on.
inhibit-call-reason = Há uma chamada em andamento
## Global shortcuts, as the desktop's dialog and settings name them (src/desktop)
shortcut-answer = Atender a chamada que está tocando
shortcut-hang-up = Desligar (ou recusar uma chamada que está tocando)
shortcut-mute = Silenciar ou reativar o microfone
## The tray icon, and links that dial (src/desktop)
tray-title = Handset
tray-starting = O Handset está iniciando
tray-peer-to-peer = Pronto para chamadas diretas (sem conta)
tray-registered = Registrado
tray-registering = Registrando…
tray-failed = { $account } não está registrada
tray-stopped = O telefone não está funcionando
tray-ringing = { $caller } está ligando
tray-missed = { $count ->
    [one] Uma chamada perdida
   *[other] { $count } chamadas perdidas
}
tray-dnd-on = Não perturbe está ativado
tray-show = Mostrar o Handset
tray-hide = Ocultar o Handset
tray-dnd = Não perturbe
tray-quit = Sair
link-not-callable = Não é possível ligar para { $link }: o Handset liga para links sip:, sips:, tel: e callto:.
link-busy = Desligue a chamada em andamento antes de ligar para { $link }.
autostart-failed = Não foi possível alterar o início ao entrar na sessão: { $detail }
