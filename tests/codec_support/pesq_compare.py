"""Score a degraded 8 kHz mono WAV against a reference with PESQ-NB and SNR.

Usage: pesq_compare.py REF.wav DEG.wav
Prints one line: "pesq=<score> snr=<dB> delay=<samples>".
The degraded file is aligned to the reference by cross-correlation first (codecs and
decoders add different delays), then both are cut to the common length.
"""
import sys
import wave

import numpy as np
from pesq import pesq


def read(path):
    with wave.open(path, "rb") as w:
        if w.getframerate() != 8000 or w.getnchannels() != 1 or w.getsampwidth() != 2:
            sys.exit(f"{path}: need 8 kHz mono 16-bit")
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64)


def align(ref, deg, max_delay=800):
    """Delay of deg relative to ref (positive: deg is late), by cross-correlation."""
    n = min(len(ref), len(deg))
    size = 1
    while size < 2 * n:
        size *= 2
    spec = np.fft.rfft(deg[:n], size) * np.conj(np.fft.rfft(ref[:n], size))
    corr = np.fft.irfft(spec, size)
    lags = np.concatenate([corr[: max_delay + 1], corr[-max_delay:]])
    idx = int(np.argmax(lags))
    return idx if idx <= max_delay else idx - len(lags)


def main():
    ref = read(sys.argv[1])
    deg = read(sys.argv[2])
    delay = align(ref, deg)
    if delay > 0:
        deg = deg[delay:]
    elif delay < 0:
        ref = ref[-delay:]
    n = min(len(ref), len(deg))
    ref, deg = ref[:n], deg[:n]
    noise = np.sum((ref - deg) ** 2)
    snr = 10 * np.log10(np.sum(ref**2) / max(noise, 1e-9))
    score = pesq(8000, ref.astype(np.int16), deg.astype(np.int16), "nb")
    print(f"pesq={score:.3f} snr={snr:.2f} delay={delay}")


main()
