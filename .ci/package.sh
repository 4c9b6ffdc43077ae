#!/usr/bin/env bash
# The package test: builds the .deb from the tree, fails on any lintian error or warning,
# installs it with apt, runs the installed binary (--version, then a real call to baresip),
# and purges it, checking that nothing it installed is left behind.
# Needs the Build-Depends of debian/control (tests/run-all.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
if [ -n "${HOME:-}" ] && [ -d "$HOME/.cargo/bin" ]; then
    PATH="$HOME/.cargo/bin:$PATH"
fi

version=$(dpkg-parsechangelog -S Version)
arch=$(dpkg-architecture -q DEB_HOST_ARCH)
out=target/deb
mkdir -p "$out"

echo "== building handset_${version}_${arch}.deb (the suite already ran: nocheck)"
# The crates already downloaded, and the tree's target/ (the release build is kept there).
if [ -z "${CARGO_HOME:-}" ] && [ -n "${HOME:-}" ] && [ -d "$HOME/.cargo" ]; then
    export CARGO_HOME="$HOME/.cargo"
fi
start=$(date +%s)
DEB_BUILD_OPTIONS="nocheck ${DEB_BUILD_OPTIONS:-}" dpkg-buildpackage -us -uc -b -Pnocheck
echo "== the .deb took $(( $(date +%s) - start )) s to build"
for f in ../handset_"${version}"_"${arch}".{deb,changes,buildinfo}; do
    mv "$f" "$out/"
done
changes="$out/handset_${version}_${arch}.changes"
deb="$out/handset_${version}_${arch}.deb"

echo "== lintian (fails on errors and warnings)"
lintian --fail-on error,warning --info "$changes"

echo "== installing $deb"
"${sudo[@]}" apt-get install -y "./$deb"
installed_files=$(dpkg -L handset)
/usr/bin/handset --version
desktop-file-validate /usr/share/applications/org.handset.Handset.desktop
appstreamcli validate --no-net /usr/share/metainfo/org.handset.Handset.metainfo.xml
man -l /usr/share/man/man1/handset.1.gz >/dev/null

echo "== a call from the installed binary to baresip"
.ci/package-call.sh /usr/bin/handset

echo "== purging the package"
"${sudo[@]}" apt-get purge -y handset
if [ -e /usr/bin/handset ] || dpkg -s handset >/dev/null 2>&1; then
    echo "package: FAIL: handset is still installed after the purge" >&2
    exit 1
fi
left=$(while read -r path; do [ -f "$path" ] && echo "$path"; done <<<"$installed_files" || true)
if [ -n "$left" ]; then
    echo "package: FAIL: the purge left files behind:" >&2
    echo "$left" >&2
    exit 1
fi
echo "== the package built, passed lintian, installed, called baresip and purged cleanly"
