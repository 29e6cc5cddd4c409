#!/usr/bin/env bash
# The signature interop tests need a skopeo that signs and verifies sigstore (cosign-format)
# signatures. Debian 12's skopeo (1.9.3) has both patched out ("Debian-local change: sigstore
# disabled"); Debian 13's (1.18) has them. This puts Debian 13's skopeo, with the C library and the
# few libraries it links, under .tools/skopeo/ in this repository (nothing is installed system-wide)
# and writes .tools/skopeo/skopeo, which runs it through that C library's own loader.
# Debian packages only, through apt with a private state directory. Run as root (apt's download).
set -euo pipefail
cd "$(dirname "$0")/.."

dest=.tools/skopeo
if [ -x "$dest/skopeo" ] && "$dest/skopeo" --version >/dev/null 2>&1; then
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
echo "deb http://deb.debian.org/debian trixie main" >"$work/sources.list"
apt_opts=(
  -o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
  -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o APT::Sandbox::User=root
)
apt-get "${apt_opts[@]}" -qq update
rm -rf "$dest" && mkdir -p "$dest/root"
(
  cd "$work"
  apt-get "${apt_opts[@]}" -qq download skopeo libc6 libgpgme11t64 libassuan9 libgpg-error0 libsqlite3-0
)
for deb in "$work"/*.deb; do dpkg-deb -x "$deb" "$dest/root"; done
cat >"$dest/skopeo" <<'WRAPPER'
#!/bin/sh
# Debian 13's skopeo with its own C library (see scripts/install-sigstore-skopeo.sh).
root="$(dirname "$(readlink -f "$0")")/root"
lib=$(dirname "$(ls "$root"/usr/lib/*/ld-linux*.so.* | head -n 1)")
exec "$lib"/ld-linux*.so.* --library-path "$lib" "$root/usr/bin/skopeo" "$@"
WRAPPER
chmod +x "$dest/skopeo"
"$dest/skopeo" --version
