#!/usr/bin/env bash
# Cold start of the release desktop app on a workspace, under Xvfb: each run starts the app,
# waits for its two marks (TERROIR_STARTUP_LOG: `first_rows`, the first page of rows on
# screen; `first_screen`, every overview tile filled, fonts loaded) and screenshots the screen
# until it stops changing (`on_screen`, the first screenshot identical to the last), then stops
# it. The first run meets a cold page cache only if the caches were dropped before.
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
  rm -f "$tmp"/shot-*.png
  t0=$(date +%s%N)
  TERROIR_DB=$db TERROIR_STARTUP_LOG=$log "$app_bin" 2>/dev/null &
  app=$!
  # Screenshots from launch until 1 s after the first_screen mark (or 30 s): `on_screen` is
  # the first one identical to the last, i.e. when the window as the clerk sees it was complete
  # (the marks come before the compositor's frame). Each shot takes ~60-100 ms.
  end=$((30000))
  while :; do
    ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    [ "$ms" -gt "$end" ] && break
    import -window root "$tmp/shot-$ms.png" 2>/dev/null || true
    if [ "$end" -eq 30000 ] && grep -q '^first_screen ' "$log" 2>/dev/null; then end=$((ms + 1000)); fi
  done
  shots=$(ls "$tmp"/shot-*.png | sed 's/.*shot-\([0-9]*\).png/\1/' | sort -n)
  last=$(echo "$shots" | tail -1)
  cp "$tmp/shot-$last.png" "$out/run-$run.png"
  final=$(identify -format '%#' "$tmp/shot-$last.png")
  on_screen=$last
  for s in $(echo "$shots" | sort -rn); do
    [ "$(identify -format '%#' "$tmp/shot-$s.png")" = "$final" ] || break
    on_screen=$s
  done
  kill $app 2>/dev/null; wait $app 2>/dev/null || true
  mark() { awk -v m="$1" '$1 == m { print $2; exit }' "$log"; }
  echo "run $run: first_rows $(mark first_rows) ms, first_screen $(mark first_screen) ms, on_screen ≤ $on_screen ms"
done
