# Handset, English (United States).
# Fluent syntax (https://projectfluent.org). Keys are stable: code and tests refer to them.
# Only simple messages are used: `key = value`, with `{ $name }` placeables.

app-title = Handset

## Engine status

engine-starting = Starting the phone…
engine-failed = The phone could not start: { $detail }
engine-stopped = The phone has stopped. Restart Handset to make calls.
engine-error = Something went wrong: { $detail }

## Dialer

dialer-heading = Make a call
dialer-your-address = Others can call you at
dialer-address-placeholder = sip:name@host:port
dialer-address-label = Address to call
dialer-call = Call
dialer-error-empty = Type an address to call, such as sip:bob@192.0.2.7.
dialer-error-invalid = “{ $address }” is not a SIP address. Use the form sip:name@host or sip:name@host:port.

## In a call

call-state-calling = Calling…
call-state-ringing = Ringing…
call-state-incoming = Incoming call
call-state-established = Connected
call-state-ended = Call ended
call-mute = Mute
call-unmute = Unmute
call-muted = Your microphone is muted
call-hangup = Hang up
call-keypad = Keypad
call-keypad-hide = Hide keypad
call-hanging-up = Hanging up…
call-codec = Codec: { $codec }

## Incoming call

incoming-heading = Incoming call
incoming-to = to { $to }
incoming-answer = Answer
incoming-decline = Decline
incoming-answering = Answering…

## Ended-call notice

ended-heading = Call with { $remote } ended
ended-duration = Duration { $duration }
ended-dismiss = OK

## Why a call ended

end-local-hangup = You hung up.
end-remote-hangup = The other side hung up.
end-caller-cancelled = The caller gave up before you answered.
end-declined = The call was declined.
end-busy = The other side is busy.
end-rejected = The call was refused ({ $code } { $text }).
end-no-response = The other side did not respond.
end-media-incompatible = The two phones could not agree on an audio format.
end-bad-target = That address cannot be called: { $detail }
end-transport-error = The network failed: { $detail }
end-audio-error = The sound device could not be used: { $detail }
end-unknown = The call ended.
