#!/usr/bin/env bash
# Cold start of the release desktop app on a workspace, under Xvfb: each run starts the app,
# waits for its two marks (TERROIR_STARTUP_LOG: `first_rows`, the first page of rows on
# screen; `first_screen`, every overview tile filled, fonts loaded), takes a screenshot and
# stops it. The first run meets a cold page cache only if the caches were dropped before.
# Usage: bench/coldstart.sh WORKSPACE_DB [RUNS]   (default 5; needs target/release/terroir-desktop)
set -euo pipefail
db=$1 runs=${2:-5}
app_bin=target/release/terroir-desktop
out=bench/out/coldstart && mkdir -p "$out"
tmp=$(mktemp -d)
Xvfb -displayfd 3 -screen 0 1366x768x24 -nolisten tcp 3>"$tmp/display" 2>/dev/null &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 50); do [ -s "$tmp/display" ] && break; sleep 0.1; done
export DISPLAY=":$(cat "$tmp/display")"
for run in $(seq "$runs"); do
  log=$tmp/start-$run.log
  TERROIR_DB=$db TERROIR_STARTUP_LOG=$log "$app_bin" 2>/dev/null &
  app=$!
  for _ in $(seq 240); do
    grep -q '^first_screen ' "$log" 2>/dev/null && break
    sleep 0.125
  done
  import -window root "$out/run-$run.png" 2>/dev/null || true
  kill $app 2>/dev/null; wait $app 2>/dev/null || true
  mark() { awk -v m="$1" '$1 == m { print $2; exit }' "$log"; }
  echo "run $run: first_rows $(mark first_rows) ms, first_screen $(mark first_screen) ms"
done
