#!/usr/bin/env bash
# Runs Handset's whole test suite on Debian or Ubuntu, doing every set-up step itself:
#   1. installs the build and test dependencies declared in debian/control (sudo if not root),
#   2. builds the Python venv with the `pesq` package used to score speech quality,
#   3. runs `cargo test --no-fail-fast` (extra arguments are passed on to cargo test).
# The tests start and stop their own peers (baresip, sipp, kamailio, linphone), PulseAudio
# servers, Xvfb displays and D-Bus buses; nothing needs to be running beforehand.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -eq 0 ]; then
    sudo=()
else
    sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive

echo "== installing build and test dependencies from debian/control"
"${sudo[@]}" apt-get update -q || echo "apt-get update failed; trying with the package lists we have"
"${sudo[@]}" apt-get build-dep -y -q ./

# Prefer a rustup toolchain when there is one; otherwise Debian's cargo from build-dep.
if [ -n "${HOME:-}" ] && [ -d "$HOME/.cargo/bin" ]; then
    PATH="$HOME/.cargo/bin:$PATH"
fi

echo "== preparing the PESQ venv in target/pesq-venv"
venv=target/pesq-venv
if ! "$venv/bin/python" -c 'import pesq, numpy, scipy.signal' 2>/dev/null; then
    rm -rf "$venv"
    mkdir -p target
    # Debian's python, so the venv sees Debian's numpy and scipy.
    /usr/bin/python3 -m venv --system-site-packages "$venv"
    "$venv/bin/python" -m pip install --quiet pesq
fi

echo "== cargo test"
cargo --version
exec cargo test --no-fail-fast "$@"
