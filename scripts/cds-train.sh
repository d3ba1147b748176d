#!/usr/bin/env bash
# Builds TARGET/gpu-doctor.jsa, the class-data-sharing archive bin/gpu-doctor starts the JVM with:
# the classes `serve` loads while it collects, diagnoses and answers every route (a diagnosis is
# part of that, so one-shot commands start faster from the same archive). The same run writes
# TARGET/gpu-doctor.classlist: an archive records its jar's path, so the .deb ships that list
# instead and its postinst dumps an archive for the installed jar. Run by the agent module's
# package phase. Usage: scripts/cds-train.sh TARGET_DIR JAVA
set -euo pipefail
target=$1
java=$2
log=$target/cds-archive.log
rm -f "$target/gpu-doctor.jsa" "$target/gpu-doctor.classlist"
"$java" -XX:ArchiveClassesAtExit="$target/gpu-doctor.jsa" -XX:DumpLoadedClassList="$target/gpu-doctor.classlist" \
  -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
  -Xlog:cds=off -Xlog:cds+dynamic=off \
  -jar "$target/gpu-doctor.jar" serve --simulate dgx-h100 --web.listen-address 127.0.0.1:0 >"$log" 2>&1 &
pid=$!
trap 'kill -9 "$pid" 2>/dev/null || true' EXIT

port=
for _ in $(seq 600); do
  port=$(grep -o 'listening on 127\.0\.0\.1:[0-9]*' "$log" | grep -o '[0-9]*$' || true)
  [ -n "$port" ] && break
  kill -0 "$pid" 2>/dev/null || { echo "cds-train: serve ended early:" >&2; cat "$log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { echo "cds-train: serve did not listen within 60 s" >&2; exit 1; }

# HTTP/1.1 over bash's /dev/tcp: the build needs no curl. Prints the status code.
get() {
  exec 3<>"/dev/tcp/127.0.0.1/$port"
  printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nAccept: %s\r\nConnection: close\r\n\r\n' "$1" "${2:-*/*}" >&3
  local status
  status=$(head -1 <&3 | cut -d' ' -f2)
  cat <&3 >/dev/null
  exec 3<&-
  echo "$status"
}
for _ in $(seq 600); do [ "$(get /readyz)" = 200 ] && break; sleep 0.1; done
for path in /metrics /diagnose '/diagnose?format=text' / /api/v1/gpus /api/v1/containers /healthz /no-such-page; do
  get "$path" >/dev/null
done
get /metrics 'application/openmetrics-text; version=1.0.0' >/dev/null

kill -TERM "$pid"
wait "$pid" || true
trap - EXIT
[ -s "$target/gpu-doctor.jsa" ] || { echo "cds-train: no archive was written:" >&2; cat "$log" >&2; exit 1; }
[ -s "$target/gpu-doctor.classlist" ] || { echo "cds-train: no class list was written:" >&2; cat "$log" >&2; exit 1; }
