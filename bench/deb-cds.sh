#!/usr/bin/env bash
# What the class-data-sharing archive that the .deb's postinst makes is worth on an installed
# node: installs packaging/target/gpu-doctor_*.deb (root; a machine without gpu-doctor), then,
# with the archive and with it moved aside, times `gpu-doctor diagnose --simulate dgx-h100` RUNS
# times and reads the RSS of `gpu-doctor serve --simulate dgx-h100` after SECONDS of one scrape a
# second. Purges the package on exit. Usage: bench/deb-cds.sh [RUNS=5] [SECONDS=60]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
seconds=${2:-60}
deb=$(ls packaging/target/gpu-doctor_*_all.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { echo "deb-cds: no .deb; build it with mvn -B -q package -DskipTests" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "deb-cds: installs a package: run as root" >&2; exit 2; }
dpkg-query -W gpu-doctor >/dev/null 2>&1 && { echo "deb-cds: gpu-doctor is installed already" >&2; exit 2; }
jsa=/usr/share/gpu-doctor/gpu-doctor.jsa
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  [ -f "$jsa.aside" ] && mv "$jsa.aside" "$jsa"
  dpkg --purge gpu-doctor >/dev/null 2>&1 || true
}
trap cleanup EXIT
dpkg -i "$deb" >/dev/null
[ -s "$jsa" ] || { echo "deb-cds: postinst made no archive" >&2; exit 1; }

median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

measure() {
  local label=$1 times=() port log
  for _ in $(seq "$runs"); do
    local t0 t1
    t0=$(date +%s%N)
    gpu-doctor diagnose --simulate dgx-h100 >/dev/null
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  log=$(mktemp)
  gpu-doctor serve --simulate dgx-h100 --web.listen-address 127.0.0.1:0 >"$log" 2>&1 &
  pid=$!
  port=
  for _ in $(seq 300); do
    port=$(grep -o 'listening on 127\.0\.0\.1:[0-9]*' "$log" | grep -o '[0-9]*$' || true)
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { echo "deb-cds: serve did not listen" >&2; cat "$log" >&2; exit 1; }
  for _ in $(seq "$seconds"); do curl -s -o /dev/null "127.0.0.1:$port/metrics" || true; sleep 1; done
  local serve_pid rss
  serve_pid=$(pgrep -f "gpu-doctor.jar serve --simulate dgx-h100 --web.listen-address 127.0.0.1:0" | head -1)
  rss=$(awk '/^VmRSS/ {print $2}' "/proc/$serve_pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  rm -f "$log"
  printf '%-16s diagnose median %s ms (%s runs: %s)   serve RSS after %s s: %s KiB\n' "$label" \
    "$(printf '%s\n' "${times[@]}" | median)" "$runs" "${times[*]}" "$seconds" "$rss"
}

measure "with archive"
mv "$jsa" "$jsa.aside"
measure "without archive"
