#!/usr/bin/env bash
# End-to-end suite against real container engines (docs/validation.md): starts them with
# scripts/engines-up.sh, runs broken GPU containers in each (GPUs asked for by environment but not
# injected, /dev/nvidia* given by --device without the driver's libraries, NVIDIA_VISIBLE_DEVICES=void,
# the default 64 MiB /dev/shm), each with a secret in its environment, and checks what
# bin/gpu-doctor says about them: resolution by name, id prefix, pid and pod; the findings; the
# daemon's watch series, /diagnose asked from a container's bridge address, the 403s, and
# per-container GPU memory from the fake NVML (native-bindings' test library) reporting the
# containers' real pids. No secret may appear in any output or log.
#
# Needs root, a built tree (mvn package, with native-bindings' test fixtures) and Debian.
# An engine that cannot start here is skipped with its own error; every check that runs must pass.
#   scripts/engines-e2e.sh            prints one line per check and the engine matrix; exit 1 on a failure
set -uo pipefail
cd "$(dirname "$0")/.."
export STATE=${STATE:-/run/gpu-doctor-e2e}
started=$(date +%s)
bash scripts/engines-up.sh || { echo "engines-e2e: engine setup failed" >&2; exit 1; }

gd=bin/gpu-doctor
fake_nvml=native-bindings/target/native/fake-nvml/libnvidia-ml.so.1
[ -f agent/target/gpu-doctor.jar ] || { echo "engines-e2e: build first (mvn package)" >&2; exit 1; }
[ -f "$fake_nvml" ] || { echo "engines-e2e: $fake_nvml missing: build native-bindings' test fixtures" >&2; exit 1; }

out=$STATE/out
rm -rf "$out"; mkdir -p "$out"
secret="gde2e-secret-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
results=$STATE/results
: > "$results"
failures=0

engine_ok() { grep -qx "$1 ok" "$STATE/engines"; }
pass() { echo "$1 pass $2" >> "$results"; echo "  pass  $1: $2"; }
fail() { echo "$1 FAIL $2" >> "$results"; echo "  FAIL  $1: $2"; failures=$((failures + 1)); }
# check ENGINE WHAT FILE NEEDLE: FILE holds NEEDLE
check() { if grep -qF -- "$4" "$3"; then pass "$1" "$2"; else fail "$1" "$2 (not in $3: $4)"; fi; }
# check_not ENGINE WHAT FILE NEEDLE: FILE does not hold NEEDLE
check_not() { if grep -qF -- "$4" "$3"; then fail "$1" "$2 (in $3: $4)"; else pass "$1" "$2"; fi; }
# check_either ENGINE WHAT FILE NEEDLE1 NEEDLE2: FILE holds one of the two
check_either() { if grep -qF -- "$4" "$3" || grep -qF -- "$5" "$3"; then pass "$1" "$2"; else fail "$1" "$2 (not in $3: $4 or $5)"; fi; }

# diagnose ENGINE REF FILE: the JSON diagnosis of container REF
diagnose() { "$gd" diagnose --container "$2" --format json > "$3" 2>&1; }

devices=$STATE/dev
mkdir -p "$devices"
[ -c "$devices/nvidia0" ] || mknod "$devices/nvidia0" c 195 0
[ -c "$devices/nvidiactl" ] || mknod "$devices/nvidiactl" c 195 255
# shellcheck disable=SC2207
podman_flags=($(cat "$STATE/podman-storage"))
# shellcheck disable=SC2207
podman_limits=($(cat "$STATE/podman-ulimits"))

# ---- containers: one set per engine. ids[ENGINE-ROLE]=id, pids[ENGINE-ROLE]=init pid
declare -A ids pids names
remember() { # KEY NAME ID PID
  names[$1]=$2; ids[$1]=$3; pids[$1]=$4
}

start_docker() { # ENGINE RUNTIME
  local e=$1 r=$2 n
  for role in trainer devices void asker; do
    n="d-$r-$role"
    docker rm -f "$n" >/dev/null 2>&1
    case $role in
      trainer) docker run -d --runtime "$r" --name "$n" -e NVIDIA_VISIBLE_DEVICES=all -e "HF_TOKEN=$secret" gd-e2e:1 ;;
      devices) docker run -d --runtime "$r" --name "$n" --device "$devices/nvidia0:/dev/nvidia0" \
                 --device "$devices/nvidiactl:/dev/nvidiactl" -e "AWS_SECRET_ACCESS_KEY=$secret" gd-e2e:1 ;;
      void)    docker run -d --runtime "$r" --name "$n" -e NVIDIA_VISIBLE_DEVICES=void -e "DB_PASSWORD=$secret" gd-e2e:1 ;;
      asker)   docker run -d --runtime "$r" --name "$n" gd-e2e:1 ;;
    esac >/dev/null
    remember "$e-$role" "$n" "$(docker inspect -f '{{.Id}}' "$n")" "$(docker inspect -f '{{.State.Pid}}' "$n")"
  done
}

start_podman() { # ENGINE RUNTIME
  local e=$1 r=$2 n
  for role in trainer devices void asker; do
    n="pm-$r-$role"
    podman "${podman_flags[@]}" rm -f "$n" >/dev/null 2>&1
    case $role in
      trainer) podman "${podman_flags[@]}" --runtime "$r" run -d "${podman_limits[@]}" --name "$n" -e NVIDIA_VISIBLE_DEVICES=all \
                 -e "HF_TOKEN=$secret" localhost/gd-e2e:1 ;;
      devices) podman "${podman_flags[@]}" --runtime "$r" run -d "${podman_limits[@]}" --name "$n" \
                 --device "$devices/nvidia0:/dev/nvidia0" --device "$devices/nvidiactl:/dev/nvidiactl" \
                 -e "AWS_SECRET_ACCESS_KEY=$secret" localhost/gd-e2e:1 ;;
      void)    podman "${podman_flags[@]}" --runtime "$r" run -d "${podman_limits[@]}" --name "$n" -e NVIDIA_VISIBLE_DEVICES=void \
                 -e "DB_PASSWORD=$secret" localhost/gd-e2e:1 ;;
      asker)   podman "${podman_flags[@]}" --runtime "$r" run -d "${podman_limits[@]}" --name "$n" localhost/gd-e2e:1 ;;
    esac >/dev/null
    remember "$e-$role" "$n" "$(podman inspect -f '{{.Id}}' "$n")" "$(podman inspect -f '{{.State.Pid}}' "$n")"
  done
}

# containerd as Kubernetes' CRI plugin leaves it: the cgroupfs kubepods path and the CRI annotations,
# and the pod's sandbox (pause) container next to its workloads.
pod_uid=8d3f6a2e-91c4-4b7a-a5e0-1f2d3c4b5a69
start_containerd() { # ENGINE
  local e=$1 id role type name
  for role in sandbox trainer void; do
    id=$(printf '%s' "gd-e2e-$role" | sha256sum | cut -c1-64)
    ctr -n k8s.io task kill -s KILL "$id" >/dev/null 2>&1; sleep 0.2
    ctr -n k8s.io task delete "$id" >/dev/null 2>&1; ctr -n k8s.io container delete "$id" >/dev/null 2>&1
    type=container; name=$role
    [ "$role" = sandbox ] && { type=sandbox; name=; }
    local env=()
    [ "$role" = trainer ] && env=(--env NVIDIA_VISIBLE_DEVICES=all --env "HF_TOKEN=$secret")
    [ "$role" = void ] && env=(--env NVIDIA_VISIBLE_DEVICES=void --env "DB_PASSWORD=$secret")
    ctr -n k8s.io run -d --cgroup "/kubepods/besteffort/pod$pod_uid/$id" \
      --annotation io.kubernetes.cri.container-type=$type \
      ${name:+--annotation io.kubernetes.cri.container-name=$name} \
      --annotation io.kubernetes.cri.sandbox-name=train-job-0 --annotation io.kubernetes.cri.sandbox-namespace=ml \
      --annotation "io.kubernetes.cri.sandbox-uid=$pod_uid" "${env[@]}" \
      docker.io/library/gd-e2e:1 "$id" sleep 3600 >/dev/null
    remember "$e-$role" "$name" "$id" "$(cat "/run/containerd/io.containerd.runtime.v2.task/k8s.io/$id/init.pid")"
  done
}

testing=()
for e in docker-runc docker-crun containerd podman-runc podman-crun; do
  engine_ok "$e" || continue
  case $e in
    docker-*) start_docker "$e" "${e#docker-}" ;;
    containerd) start_containerd "$e" ;;
    podman-*) start_podman "$e" "${e#podman-}" ;;
  esac
  testing+=("$e")
done
echo "engines-e2e: testing ${testing[*]:-nothing}"
if [ ${#testing[@]} -eq 0 ] && [ "${CI:-}" = true ]; then
  echo "engines-e2e: no engine could start on this machine (see $STATE/engines): CI must test at least one" >&2
  exit 1
fi

# ---- the CLI: resolution and findings
for e in "${testing[@]}"; do
  d=$out/$e; mkdir -p "$d"
  trainer=${ids[$e-trainer]}
  diagnose "$e" "${names[$e-trainer]}" "$d/by-name.json"; check "$e" "resolved by name" "$d/by-name.json" "$trainer"
  diagnose "$e" "${trainer:0:12}" "$d/by-prefix.json"; check "$e" "resolved by id prefix" "$d/by-prefix.json" "$trainer"
  diagnose "$e" "${pids[$e-trainer]}" "$d/by-pid.json"; check "$e" "resolved by pid" "$d/by-pid.json" "$trainer"
  check "$e" "GPUs asked for but not injected" "$d/by-name.json" '"CONTAINER_NO_GPU_INJECTED"'
  check "$e" "the default /dev/shm is too small" "$d/by-name.json" '"CONTAINER_SHM_TOO_SMALL"'
  check "$e" "the CUDA the image needs is read" "$d/by-name.json" '"required" : "12.1"'
  diagnose "$e" "${ids[$e-void]}" "$d/void.json"
  check "$e" "NVIDIA_VISIBLE_DEVICES=void" "$d/void.json" '"CONTAINER_VISIBLE_DEVICES_DISABLED"'
  if [ -n "${ids[$e-devices]:-}" ]; then
    diagnose "$e" "${names[$e-devices]}" "$d/devices.json"
    check "$e" "--device without the driver's libraries" "$d/devices.json" '"CONTAINER_LIBCUDA_MISSING"'
  fi
  if [ "$e" = containerd ]; then
    diagnose "$e" ml/train-job-0/trainer "$d/by-pod.json"; check "$e" "resolved by namespace/pod/container" "$d/by-pod.json" "$trainer"
    check "$e" "the pod is named" "$d/by-pod.json" '"pod" : "train-job-0"'
    "$gd" diagnose --container "${ids[$e-sandbox]}" > "$d/sandbox.txt" 2>&1
    check "$e" "the pod's sandbox is not a workload" "$d/sandbox.txt" "no container"
  fi
done

# ---- without root: the same trainer, asked as nobody, is never an all-clear. By name: where the
# engine's records are closed to nobody (Docker, podman) gpu-doctor could not look for the name;
# where they can be traversed (containerd's bundles) the container is found and its own files are
# closed (CONTAINER_NOT_READABLE); never "no container named". By id prefix the container is found
# and its environment and root are closed (CONTAINER_NOT_READABLE). Both exit 3.
# as_nobody FILE ARGS...: gpu-doctor run as nobody, its output and exit status in FILE
gd_path=$(readlink -f "$gd")
as_nobody() { local f=$1; shift; (cd / && setpriv --reuid=nobody --regid=nogroup --clear-groups "$gd_path" "$@") > "$f" 2>&1; echo "exit $?" >> "$f"; }
for e in "${testing[@]}"; do
  d=$out/$e
  as_nobody "$d/nobody-name.txt" diagnose --container "${names[$e-trainer]}"
  check_either "$e" "as nobody, by name: could not look" "$d/nobody-name.txt" \
    "could not look for \"${names[$e-trainer]}\"" "CONTAINER_NOT_READABLE"
  check_not "$e" "as nobody, by name: not 'no container named'" "$d/nobody-name.txt" "no container named"
  check "$e" "as nobody, by name: exit 3" "$d/nobody-name.txt" "exit 3"
  as_nobody "$d/nobody-id.txt" diagnose --container "${ids[$e-trainer]:0:12}"
  check "$e" "as nobody, by id: CONTAINER_NOT_READABLE" "$d/nobody-id.txt" "CONTAINER_NOT_READABLE"
  check "$e" "as nobody, by id: names the environment it could not read" "$d/nobody-id.txt" \
    "/proc/${pids[$e-trainer]}/environ: permission denied"
  check "$e" "as nobody, by id: exit 3" "$d/nobody-id.txt" "exit 3"
done

# ---- rootless podman: its containers live in the user's storage, and have a cgroup only where it is delegated
if engine_ok podman-rootless; then
  # shellcheck disable=SC2016
  rootless_pid=$(runuser -u gde2e -- sh -c 'cd ~ && podman rm -f pm-rootless >/dev/null 2>&1;
    podman --runtime runc run -d --name pm-rootless --network none $0 -e "HF_TOKEN=$1" localhost/gd-e2e:1 sleep 3600 >/dev/null &&
    podman inspect -f "{{.State.Pid}}" pm-rootless' "$(cat "$STATE/podman-ulimits")" "$secret")
  if [ -n "$rootless_pid" ] && ! grep -qE ':/$' "/proc/$rootless_pid/cgroup"; then
    "$gd" diagnose --container "$rootless_pid" --format json > "$out/rootless.json" 2>&1
    check podman-rootless "resolved by pid" "$out/rootless.json" '"runtime" : "podman"'
  else
    sed -i 's/^podman-rootless ok$/podman-rootless skip: its container starts, but in no cgroup of its own (cgroup v1, nothing delegated to the user), so nothing tells its processes from the host'"'"'s/' "$STATE/engines"
  fi
  runuser -u gde2e -- sh -c 'cd ~ && podman rm -f -t 0 pm-rootless' >/dev/null 2>&1
fi

# ---- the daemon, with the fake NVML reporting each engine's trainer as a GPU process
processes=
i=0
for e in "${testing[@]}"; do
  processes+="${processes:+,}$(( i % 2 )):${pids[$e-trainer]}:$(( (i + 1) * 1073741824 ))"
  i=$(( i + 1 ))
done
port=$(( 30000 + RANDOM % 20000 ))
FAKE_NVML_PROCESSES=$processes "$gd" serve --web.listen-address=":$port" --nvml.library="$PWD/$fake_nvml" \
  --cuda.library=none --collect.interval=1s --containers.rediagnose-interval=5s > "$out/serve.log" 2>&1 &
daemon=$!
trap 'kill $daemon 2>/dev/null' EXIT
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.5; done
# finding_series FILE ENGINE: the trainer's finding series in a scrape
finding_series() { grep -c "^gpu_doctor_container_finding{code=\"CONTAINER_NO_GPU_INJECTED\".*container_id=\"${ids[$2-trainer]}\"" "$1"; }
# The watch diagnoses new containers within its budget per collection: up to 30 s for all of them.
for _ in $(seq 30); do
  curl -s "http://127.0.0.1:$port/metrics" > "$out/metrics.txt"
  all=1
  for e in "${testing[@]}"; do [ "$(finding_series "$out/metrics.txt" "$e")" -gt 0 ] || all=0; done
  [ $all = 1 ] && break
  sleep 1
done
curl -s "http://127.0.0.1:$port/api/v1/containers" > "$out/containers.json"
FAKE_NVML_PROCESSES=$processes "$gd" gpus --details --nvml.library="$PWD/$fake_nvml" --cuda.library=none > "$out/gpus.txt" 2>&1
# The host's own address on its default route (192.0.2.1 is a documentation address: nothing is sent).
host_address=$(ip -4 -o route get 192.0.2.1 2>/dev/null | sed -nE 's/.* src ([0-9.]+).*/\1/p')
[ -n "$host_address" ] || host_address=$(hostname -I | awk '{print $1}')

for e in "${testing[@]}"; do
  d=$out/$e; n=${names[$e-trainer]}; id=${ids[$e-trainer]}
  check "$e" "/api/v1/containers has the trainer's GPU memory" "$out/containers.json" "\"id\" : \"$id\""
  check "$e" "its memory series names the container" "$out/metrics.txt" "nvidia_gpu_container_memory_used_bytes{container=\"$n\",container_id=\"$id\""
  check "$e" "gpu-doctor gpus names the container" "$out/gpus.txt" "$n"
  if [ "$(finding_series "$out/metrics.txt" "$e")" -gt 0 ]; then
    pass "$e" "the watch exports gpu_doctor_container_finding for the trainer"
  else fail "$e" "the watch exports gpu_doctor_container_finding for the trainer (not in $out/metrics.txt)"; fi
  if [ "$e" = containerd ]; then
    check "$e" "its memory series names the pod" "$out/metrics.txt" "namespace=\"ml\",pod=\"train-job-0\""
    echo "$e: bridge checks skipped: ctr starts containers without a network (no CNI), as the CRI plugin's sandbox would give"
    continue
  fi
  case $e in
    docker-*) exec_in() { docker exec "$@"; }; gateway=$(docker network inspect bridge -f '{{(index .IPAM.Config 0).Gateway}}') ;;
    podman-*) exec_in() { podman "${podman_flags[@]}" exec "$@"; }
              gateway=$(podman "${podman_flags[@]}" network inspect podman -f '{{(index .Subnets 0).Gateway}}') ;;
  esac
  exec_in "$n" wget -qO- "http://$gateway:$port/diagnose" > "$d/self.json" 2>&1
  check "$e" "/diagnose from the container's bridge address is its own" "$d/self.json" "\"id\" : \"$id\""
  exec_in "${names[$e-asker]}" wget -qO- "http://$gateway:$port/diagnose?container=$n" > "$d/other.txt" 2>&1
  check "$e" "another container asking about it gets 403" "$d/other.txt" "403"
  case $e in
    docker-*) docker run --rm --network host gd-e2e:1 wget -qO- "http://$host_address:$port/diagnose?container=$n" ;;
    podman-*) podman "${podman_flags[@]}" --runtime "${e#podman-}" run --rm "${podman_limits[@]}" --network host localhost/gd-e2e:1 \
                wget -qO- "http://$host_address:$port/diagnose?container=$n" ;;
  esac > "$d/host-network.json" 2>&1
  check "$e" "a host-network container asking from the host's address is the host" "$d/host-network.json" "\"id\" : \"$id\""
done
curl -s -H 'Accept: text/html' "http://127.0.0.1:$port/" > "$out/status.html"

# ---- removal: the watch drops the containers' series
for e in "${testing[@]}"; do
  case $e in
    docker-*) docker rm -f "${names[$e-trainer]}" >/dev/null ;;
    podman-*) podman "${podman_flags[@]}" rm -f -t 0 "${names[$e-trainer]}" >/dev/null ;;
    containerd) ctr -n k8s.io task kill -s KILL "${ids[$e-trainer]}" >/dev/null; sleep 0.5
                ctr -n k8s.io task delete "${ids[$e-trainer]}" >/dev/null ;;
  esac
done
for _ in $(seq 20); do
  curl -s "http://127.0.0.1:$port/metrics" > "$out/metrics-after.txt"
  left=0
  for e in "${testing[@]}"; do left=$(( left + $(finding_series "$out/metrics-after.txt" "$e") )); done
  [ $left = 0 ] && break
  sleep 1
done
for e in "${testing[@]}"; do
  if [ "$(finding_series "$out/metrics-after.txt" "$e")" -gt 0 ]; then
    fail "$e" "the finding series is dropped when the container is removed"
  else pass "$e" "the finding series is dropped when the container is removed"; fi
done
kill $daemon; wait $daemon 2>/dev/null

# ---- no secret anywhere
if grep -rlF -- "$secret" "$out" > "$STATE/leaks"; then
  fail all "a container's secret appears in $(tr '\n' ' ' < "$STATE/leaks")"
else
  pass all "no container's secret in any output or the daemon's log ($(find "$out" -type f | wc -l) files)"
fi

# ---- clean up what this suite started
docker ps -aq --filter name='^d-' | xargs -r docker rm -f >/dev/null 2>&1
podman "${podman_flags[@]}" ps -aq --filter name='^pm-' | xargs -r podman "${podman_flags[@]}" rm -f -t 0 >/dev/null 2>&1
for role in sandbox trainer void; do
  id=$(printf '%s' "gd-e2e-$role" | sha256sum | cut -c1-64)
  ctr -n k8s.io task kill -s KILL "$id" >/dev/null 2>&1; sleep 0.2
  ctr -n k8s.io task delete "$id" >/dev/null 2>&1; ctr -n k8s.io container delete "$id" >/dev/null 2>&1
done

echo
echo "engine matrix ($(grep -c . "$STATE/versions") facts in $STATE/versions):"
sed 's/^/  /' "$STATE/versions"
while read -r engine status rest; do
  if [ "$status" = ok ]; then
    echo "  $engine: $(grep -c "^$engine pass" "$results") checks passed, $(grep -c "^$engine FAIL" "$results") failed"
  else
    echo "  $engine: $status $rest"
  fi
done < "$STATE/engines"
echo "engines-e2e: $(grep -c ' pass ' "$results") passed, $failures failed in $(( $(date +%s) - started )) s"
[ "$failures" -eq 0 ]
