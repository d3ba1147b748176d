#!/usr/bin/env bash
# Starts the container engines that scripts/engines-e2e.sh runs gpu-doctor against, as Debian
# ships them: Docker (runc and crun), containerd driven with ctr, podman rootful and rootless.
# Needs root. Installs what is missing (docker.io containerd podman runc crun busybox-static),
# starts containerd and dockerd when they are not running (overlay storage, vfs where overlay
# cannot mount), builds the test image gd-e2e:1 in each engine from busybox-static, and probes
# every engine by running a container in it.
#
# Writes $STATE/engines, one line per engine: "NAME ok" or "NAME skip: REASON" (REASON is the
# engine's own error), and $STATE/versions. STATE defaults to /run/gpu-doctor-e2e.
set -uo pipefail
STATE=${STATE:-/run/gpu-doctor-e2e}
mkdir -p "$STATE"
: > "$STATE/engines"
log() { echo "engines-up: $*" >&2; }
record() { echo "$*" >> "$STATE/engines"; log "$*"; }

[ "$(id -u)" = 0 ] || { log "needs root"; exit 2; }

need=()
for tool in dockerd:docker.io containerd:containerd podman:podman runc:runc crun:crun busybox:busybox-static \
            iptables:iptables newuidmap:uidmap slirp4netns:slirp4netns curl:curl ip:iproute2; do
  command -v "${tool%%:*}" >/dev/null || need+=("${tool#*:}")
done
# The image needs a static busybox: Debian's plain busybox package is linked dynamically.
[ -x /bin/busybox ] && ldd /bin/busybox >/dev/null 2>&1 && need+=(busybox-static)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null \
    || { log "could not install ${need[*]}"; exit 1; }
fi

wait_for() { # SECONDS COMMAND...
  local seconds=$1; shift
  for _ in $(seq "$seconds"); do "$@" >/dev/null 2>&1 && return 0; sleep 1; done
  return 1
}

# A process started here outlives this script: the suite uses it, and CI machines are thrown away.
start_daemon() { # NAME LOG COMMAND...
  local name=$1 logfile=$2; shift 2
  log "starting $name"
  setsid "$@" > "$logfile" 2>&1 < /dev/null &
}

# ---- a hybrid cgroup layout as systemd leaves it: every controller the kernel has on v1, none
# on v2. A machine whose init mounted only some on v1 (here: not hugetlb) leaves the others
# on v2, where crun refuses to run anything ("cgroups in hybrid mode not supported").
if [ "$(stat -fc %T /sys/fs/cgroup)" = tmpfs ] && [ -r /sys/fs/cgroup/unified/cgroup.controllers ]; then
  for controller in $(cat /sys/fs/cgroup/unified/cgroup.controllers); do
    grep -qE "^[0-9]+:([^:]*,)?$controller(,[^:]*)?:" /proc/self/cgroup && continue
    log "mounting the $controller controller on cgroup v1, where systemd would have"
    mkdir -p "/sys/fs/cgroup/$controller" && mount -t cgroup -o "$controller" cgroup "/sys/fs/cgroup/$controller" \
      || log "could not mount $controller on cgroup v1: crun will refuse to run"
  done
fi

# ---- containerd
if ! ctr version >/dev/null 2>&1; then
  start_daemon containerd "$STATE/containerd.log" containerd
  wait_for 20 ctr version || log "containerd did not start: $(tail -1 "$STATE/containerd.log")"
fi

# ---- dockerd, with crun as a second runtime; vfs when overlay2 cannot mount here
docker_up() { docker info >/dev/null 2>&1; }
if ! docker_up; then
  rm -f /var/run/docker.pid
  start_daemon dockerd "$STATE/dockerd.log" dockerd --containerd /run/containerd/containerd.sock \
    --add-runtime crun=/usr/bin/crun
  if ! wait_for 30 docker_up; then
    log "dockerd did not start with its default storage; trying vfs"
    [ -f /var/run/docker.pid ] && kill "$(cat /var/run/docker.pid)" 2>/dev/null; sleep 2; rm -f /var/run/docker.pid
    start_daemon dockerd "$STATE/dockerd.log" dockerd --containerd /run/containerd/containerd.sock \
      --add-runtime crun=/usr/bin/crun --storage-driver vfs
    wait_for 30 docker_up || log "dockerd did not start: $(tail -1 "$STATE/dockerd.log")"
  fi
fi

# ---- the image: busybox plus what a CUDA 12.1 PyTorch image carries
rootfs=$STATE/rootfs
rm -rf "$rootfs"
mkdir -p "$rootfs/bin" "$rootfs/usr/local/cuda" "$rootfs/usr/lib/python3/dist-packages/torch" \
  "$rootfs/dev" "$rootfs/proc" "$rootfs/sys" "$rootfs/tmp" "$rootfs/etc"
cp /bin/busybox "$rootfs/bin/busybox"
for applet in sh sleep cat wget ls true echo; do ln -s busybox "$rootfs/bin/$applet"; done
echo '{"cuda":{"name":"CUDA SDK","version":"12.1.1"}}' > "$rootfs/usr/local/cuda/version.json"
printf "__version__ = '2.1.0+cu121'\ncuda: Optional[str] = '12.1'\n" > "$rootfs/usr/lib/python3/dist-packages/torch/version.py"
image_changes=(--change 'ENV PATH=/bin' --change 'ENV NVIDIA_REQUIRE_CUDA=cuda>=12.1 brand=tesla,driver>=470,driver<471'
               --change 'CMD ["sleep","3600"]')

# podman asks for more open files and processes than a root without CAP_SYS_RESOURCE (a container
# or a sandboxed VM) may grant: its containers get limits any root can set.
echo "--ulimit nofile=1024:1024 --ulimit nproc=4096:4096" > "$STATE/podman-ulimits"

probe() { # ENGINE-NAME COMMAND... : runs a container that exits at once
  local name=$1 out; shift
  if out=$("$@" 2>&1); then
    record "$name ok"
  else
    local why
    why=$(echo "$out" | grep -i 'error' | head -1)
    record "$name skip: $(echo "${why:-$(echo "$out" | tail -1)}" | cut -c1-200)"
  fi
}

if docker_up; then
  tar -C "$rootfs" -c . | docker import "${image_changes[@]}" - gd-e2e:1 >/dev/null
  probe docker-runc docker run --rm --runtime runc gd-e2e:1 true
  probe docker-crun docker run --rm --runtime crun gd-e2e:1 true
else
  record "docker-runc skip: dockerd did not start ($(tail -1 "$STATE/dockerd.log" | cut -c1-160))"
  record "docker-crun skip: dockerd did not start"
fi

if ctr version >/dev/null 2>&1; then
  if docker_up; then
    docker save gd-e2e:1 | ctr -n k8s.io images import - >> "$STATE/containerd.log" 2>&1
  fi
  if ctr -n k8s.io images ls -q | grep -q '^docker.io/library/gd-e2e:1$'; then
    probe containerd ctr -n k8s.io run --rm docker.io/library/gd-e2e:1 gd-e2e-probe-$$ true
  else
    record "containerd skip: the test image could not be imported (it is built with docker)"
  fi
else
  record "containerd skip: containerd did not start ($(tail -1 "$STATE/containerd.log" | cut -c1-160))"
fi

if command -v podman >/dev/null; then
  # overlay where it mounts, else vfs; podman keeps the choice in its storage.
  podman_storage=()
  if ! podman info >/dev/null 2>&1; then podman_storage=(--storage-driver vfs); fi
  echo "${podman_storage[*]}" > "$STATE/podman-storage"
  tar -C "$rootfs" -c . | podman "${podman_storage[@]}" import "${image_changes[@]}" - gd-e2e:1 >/dev/null 2>&1
  # shellcheck disable=SC2046
  probe podman-runc podman "${podman_storage[@]}" --runtime runc run --rm $(cat "$STATE/podman-ulimits") \
    localhost/gd-e2e:1 true
  # shellcheck disable=SC2046
  probe podman-crun podman "${podman_storage[@]}" --runtime crun run --rm $(cat "$STATE/podman-ulimits") \
    localhost/gd-e2e:1 true
  id gde2e >/dev/null 2>&1 || useradd -m -s /bin/sh gde2e
  grep -q '^gde2e:' /etc/subuid || echo "gde2e:200000:65536" >> /etc/subuid
  grep -q '^gde2e:' /etc/subgid || echo "gde2e:200000:65536" >> /etc/subgid
  cp -r "$rootfs" /home/gde2e/rootfs && chown -R gde2e: /home/gde2e/rootfs
  # shellcheck disable=SC2016
  probe podman-rootless runuser -u gde2e -- sh -c 'cd ~ && tar -C rootfs -c . | podman import - gd-e2e:1 >/dev/null \
    && podman --runtime runc run --rm --network none $0 localhost/gd-e2e:1 true' "$(cat "$STATE/podman-ulimits")"
  rm -rf /home/gde2e/rootfs
else
  record "podman skip: podman is not installed"
fi

{
  echo "kernel $(uname -r)"
  if [ "$(stat -fc %T /sys/fs/cgroup)" = cgroup2fs ]; then echo "cgroup v2"
  elif [ -d /sys/fs/cgroup/unified ]; then echo "cgroup v1 (hybrid: v2 at /sys/fs/cgroup/unified)"
  else echo "cgroup v1"; fi
  docker_up && docker info --format 'docker {{.ServerVersion}}, storage {{.Driver}}, cgroup driver {{.CgroupDriver}}' 2>/dev/null
  ctr version 2>/dev/null | awk '/Server/{s=1} s&&/Version/{print "containerd " $2; exit}'
  podman info --format 'podman {{.Version.Version}}, storage {{.Store.GraphDriverName}}, cgroup manager {{.Host.CgroupManager}}' 2>/dev/null
  runc --version | head -1
  crun --version | head -1
} > "$STATE/versions"
log "engines: $(tr '\n' ';' < "$STATE/engines")"
