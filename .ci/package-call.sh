#!/usr/bin/env bash
# The installed package makes a real call: /usr/bin/handset (headless) dials a baresip on
# loopback, each side sends a tone, Handset hangs up after 3 s. Passes only when the call was
# established, ended by Handset's hang-up, and each side heard the other's tone.
# Needs: the handset package installed, baresip (apt-get install baresip), python3.
set -euo pipefail

handset=${1:-/usr/bin/handset}
fail() { echo "package-call: FAIL: $*" >&2; exit 1; }
[ -x "$handset" ] || fail "$handset is not installed"
command -v baresip >/dev/null || fail "baresip is missing: apt-get install baresip"
modules=/usr/lib/baresip/modules
for m in aufile sndfile account menu g711; do
    [ -f "$modules/$m.so" ] || fail "baresip module $m is missing: apt-get install baresip"
done

work=$(mktemp -d /tmp/handset-package-call.XXXXXX)
baresip_pid=
cleanup() {
    if [ -n "$baresip_pid" ]; then kill "$baresip_pid" 2>/dev/null || true; wait "$baresip_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# A 5 s tone as each side's microphone (8 kHz mono 16-bit): 440 Hz for baresip, 660 for Handset.
tone() {
    python3 - "$1" "$2" <<'PY'
import math, struct, sys, wave
path, freq = sys.argv[1], float(sys.argv[2])
with wave.open(path, "wb") as w:
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(8000)
    w.writeframes(b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * freq * n / 8000)))
                           for n in range(5 * 8000)))
PY
}
tone "$work/baresip-says.wav" 440
tone "$work/handset-says.wav" 660

# A free block of ports for baresip: SIP on base (TCP/TLS on base+1), RTP on base+4..5.
base=$(python3 -c '
import socket
for base in range(30000, 60000, 16):
    try:
        for p in range(base, base + 8):
            for kind in (socket.SOCK_DGRAM, socket.SOCK_STREAM):
                s = socket.socket(socket.AF_INET, kind); s.bind(("127.0.0.1", p)); s.close()
        print(base); break
    except OSError:
        pass
')
[ -n "$base" ] || fail "no free ports on 127.0.0.1"
mkdir -p "$work/baresip/rec" "$work/home"
cat > "$work/baresip/config" <<CONF
poll_method	epoll
sip_listen	127.0.0.1:$base
net_interface	127.0.0.1
rtp_ports	$((base + 4))-$((base + 5))
audio_source	aufile,$work/baresip-says.wav
ausrc_srate	8000
auplay_srate	8000
ausrc_channels	1
auplay_channels	1
snd_path	$work/baresip/rec
module_path	$modules
module	g711.so
module	aufile.so
module	sndfile.so
module_app	account.so
module_app	menu.so
CONF
echo "<sip:bob@127.0.0.1:$base>;regint=0;answermode=auto" > "$work/baresip/accounts"
: > "$work/baresip/contacts"

HOME="$work/baresip" baresip -f "$work/baresip" -s </dev/null >"$work/baresip.log" 2>&1 &
baresip_pid=$!
for _ in $(seq 100); do
    grep -q "baresip is ready" "$work/baresip.log" && break
    kill -0 "$baresip_pid" 2>/dev/null || { cat "$work/baresip.log" >&2; fail "baresip exited"; }
    sleep 0.2
done
grep -q "baresip is ready" "$work/baresip.log" || { cat "$work/baresip.log" >&2; fail "baresip did not start"; }

echo "package-call: $handset dials sip:bob@127.0.0.1:$base"
status=0
HOME="$work/home" timeout 60 "$handset" headless --listen 127.0.0.1:0 \
    --play "$work/handset-says.wav" --record "$work/handset-heard.wav" \
    --data "$work/home/data" --codecs PCMU \
    --dial "sip:bob@127.0.0.1:$base" --hangup-after 3 --exit-after-call \
    </dev/null >"$work/events.jsonl" 2>"$work/handset.log" || status=$?
cat "$work/events.jsonl"
show_logs() { echo "--- handset stderr" >&2; cat "$work/handset.log" >&2; echo "--- baresip" >&2; tail -40 "$work/baresip.log" >&2; }
[ "$status" -eq 0 ] || { show_logs; fail "handset exited with status $status"; }
grep -q '"state":"established"' "$work/events.jsonl" || { show_logs; fail "the call was never established"; }
grep -q '"event":"call_ended".*"local_hangup"' "$work/events.jsonl" || { show_logs; fail "the call did not end by Handset's hang-up"; }

# Sound went both ways: each recording holds the other side's tone, not silence.
loud() {
    python3 - "$1" "$2" <<'PY'
import array, sys, wave
with wave.open(sys.argv[1]) as w:
    samples = array.array("h", w.readframes(w.getnframes()))
loud = sum(1 for s in samples if abs(s) > 1000)
print(f"package-call: {sys.argv[2]} recorded {len(samples)} samples, {loud} of them loud")
sys.exit(0 if loud > 4000 else 1)
PY
}
loud "$work/handset-heard.wav" Handset || { show_logs; fail "Handset heard nothing from baresip"; }
baresip_heard=$(ls "$work"/baresip/rec/dump-*-dec.wav 2>/dev/null | head -1)
[ -n "$baresip_heard" ] || { show_logs; fail "baresip recorded nothing"; }
loud "$baresip_heard" baresip || { show_logs; fail "baresip heard nothing from Handset"; }
echo "package-call: OK"
