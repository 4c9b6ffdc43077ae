#!/usr/bin/python3
"""Score a degraded recording against its reference, as a listener would hear it.

Usage: pesq_score.py REFERENCE.wav DEGRADED.wav

Prints one JSON object: {"pesq": PESQ-NB MOS-LQO, "xcorr": normalised cross-correlation
after alignment (1.0 = identical waveform), "lag_ms": how much later the speech appears in the
degraded file than in the reference}. A call delays and trims the audio, so the two files are
aligned by cross-correlation before PESQ sees them; PESQ itself also tolerates small offsets.
"""
import json
import sys

import numpy as np
from scipy.io import wavfile
from scipy.signal import correlate, resample_poly

RATE = 8000


def load_mono_8k(path):
    rate, data = wavfile.read(path)
    data = np.asarray(data)
    # Scale integers to [-1, 1] before mixing channels down: the mean of an int16 stereo
    # pair is float, and would otherwise escape the scaling and clip.
    if data.dtype.kind == "i":
        data = data.astype(np.float64) / float(np.iinfo(data.dtype).max)
    else:
        data = data.astype(np.float64)
    if data.ndim == 2:
        data = data.mean(axis=1)
    if rate != RATE:
        divisor = np.gcd(int(rate), RATE)
        data = resample_poly(data, RATE // divisor, int(rate) // divisor)
    return data


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: pesq_score.py REFERENCE.wav DEGRADED.wav")
    ref = load_mono_8k(sys.argv[1])
    deg = load_mono_8k(sys.argv[2])
    if len(ref) < RATE or len(deg) < RATE:
        sys.exit(f"too short to score: reference {len(ref)} samples, degraded {len(deg)} samples")
    if not np.any(deg):
        sys.exit("the degraded recording is pure digital silence")

    # Full cross-correlation: index k corresponds to deg being shifted by k - (len(ref) - 1).
    corr = correlate(deg, ref, mode="full", method="fft")
    lag = int(np.argmax(corr)) - (len(ref) - 1)

    # Shift so both start at the same speech sample, then keep the overlap.
    if lag >= 0:
        deg_aligned = deg[lag:]
        ref_aligned = ref
    else:
        deg_aligned = deg
        ref_aligned = ref[-lag:]
    n = min(len(ref_aligned), len(deg_aligned))
    ref_aligned = ref_aligned[:n]
    deg_aligned = deg_aligned[:n]

    energy = np.sqrt(np.sum(ref_aligned ** 2) * np.sum(deg_aligned ** 2))
    xcorr = float(np.sum(ref_aligned * deg_aligned) / energy) if energy > 0 else 0.0

    from pesq import pesq  # imported late so a missing module names itself clearly

    to_int16 = lambda x: np.clip(x * 32767.0, -32768, 32767).astype(np.int16)
    try:
        score = float(pesq(RATE, to_int16(ref_aligned), to_int16(deg_aligned), "nb"))
    except Exception as err:  # PESQ refuses e.g. audio with no utterances; report, do not crash
        print(f"pesq failed: {err}", file=sys.stderr)
        score = None
    print(json.dumps({"pesq": score, "xcorr": xcorr, "lag_ms": lag * 1000.0 / RATE}))


if __name__ == "__main__":
    main()
