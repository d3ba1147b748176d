# Shared by bench/stress-*.sh (sourced, not run): a daemon on a free loopback port, stopped with
# everything else the script started when the script exits, however it exits.

# Every process started in the background; killed by id on exit.
stress_pids=()
stress_cleanup() {
  for p in "${stress_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${stress_pids[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap stress_cleanup EXIT
trap 'exit 130' INT TERM

stress_require() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$0: $tool is not installed" >&2; exit 2; }
  done
}

# A port nobody listens on now, chosen by the kernel.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# stress_start_daemon PORT LOG [serve flags...]: sets daemon_pid; returns once /diagnose answers
# 200 (and fails if the daemon exits or takes over 60 s). Not /readyz: it turns ready with the
# first GPU collection, which can be before the first diagnosis, and /diagnose answers 503 until
# then.
# STRESS_NOFILE, when set, is the daemon's open-file limit (as the unit's LimitNOFILE); STRESS_CURL
# holds extra curl arguments for that readiness check (credentials, when basic auth is on).
stress_start_daemon() {
  local port=$1 log=$2
  shift 2
  (
    if [ -n "${STRESS_NOFILE:-}" ]; then ulimit -n "$STRESS_NOFILE"; fi
    exec bin/gpu-doctor serve --simulate dgx-h100 --web.listen-address "127.0.0.1:$port" "$@"
  ) >"$log" 2>&1 &
  daemon_pid=$!
  stress_pids+=("$daemon_pid")
  local tries=0
  # shellcheck disable=SC2086
  until curl -sf -o /dev/null ${STRESS_CURL:-} "http://127.0.0.1:$port/diagnose"; do
    kill -0 "$daemon_pid" 2>/dev/null || { echo "$0: the daemon exited; its log:" >&2; cat "$log" >&2; exit 1; }
    tries=$((tries + 1))
    [ "$tries" -lt 600 ] || { echo "$0: the daemon was not ready within 60 s" >&2; exit 1; }
    sleep 0.1
  done
}

# The daemon's CPU seconds so far (user + system, from /proc/PID/stat; fields counted after the
# command name, which may hold spaces).
cpu_seconds() {
  local ticks
  ticks=$(sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}')
  awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", t / hz}'
}
