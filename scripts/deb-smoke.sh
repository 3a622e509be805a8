#!/usr/bin/env bash
# Install the built .deb with apt and start the installed app under Xvfb on a fresh workspace;
# pass when the window has drawn its whole first screen (the app's cold-start marks).
set -euo pipefail
cd "$(dirname "$0")/.."
deb=$(ls -t target/release/bundle/deb/*.deb | head -n1)
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "./$deb" >/dev/null
command -v terroir-desktop >/dev/null || { echo "terroir-desktop not on PATH after installing $deb" >&2; exit 1; }
tmp=$(mktemp -d)
Xvfb -displayfd 3 -screen 0 1366x768x24 -nolisten tcp 3>"$tmp/display" 2>/dev/null &
xvfb=$!
trap 'kill $app $xvfb 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 50); do [ -s "$tmp/display" ] && break; sleep 0.1; done
DISPLAY=":$(cat "$tmp/display")" TERROIR_DB="$tmp/ws/terroir.db" TERROIR_STARTUP_LOG="$tmp/startup.log" terroir-desktop &
app=$!
for _ in $(seq 120); do
  if grep -q '^first_screen ' "$tmp/startup.log" 2>/dev/null; then
    mark() { awk -v m="$1" '$1 == m { print $2; exit }' "$tmp/startup.log"; }
    echo "installed $deb; first rows on screen after $(mark first_rows) ms, the whole first screen after $(mark first_screen) ms"
    DISPLAY=":$(cat "$tmp/display")" /usr/bin/import -window root target/deb-smoke.png 2>/dev/null || true
    exit 0
  fi
  kill -0 $app 2>/dev/null || { echo "the installed app exited" >&2; exit 1; }
  sleep 0.25
done
echo "the installed app did not draw its first screen within 30 s" >&2
exit 1
