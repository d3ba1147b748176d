#!/usr/bin/env bash
# Builds the native test fixtures under TARGET (the module's target/ folder):
#   TARGET/nvidia/root-535, root-470   NVIDIA's real userspace libraries (Debian non-free), unpacked
#   TARGET/nvidia/include/nvml.h       NVIDIA's header (Debian's libnvidia-ml-dev)
#   TARGET/native/<name>/<soname>      fake driver libraries compiled from src/test/native/*.c
# What cannot be built is written to TARGET/nvidia/UNAVAILABLE or TARGET/native/UNAVAILABLE
# (one line: why), and the tests that need it skip with that line. The machine's apt
# configuration is never touched: apt runs on a private sources list and state folder.
set -u
target=${1:?usage: build-test-fixtures.sh TARGET}
here=$(cd "$(dirname "$0")" && pwd)
nvidia=$target/nvidia
native=$target/native
mkdir -p "$nvidia" "$native"
rm -f "$nvidia/UNAVAILABLE" "$native/UNAVAILABLE"

packages_535="libnvidia-ml1 libcuda1"
packages_470="libnvidia-tesla-470-ml1 libnvidia-tesla-470-cuda1"
packages_dev="libnvidia-ml-dev"

unavailable() { # FILE REASON
  echo "$2" > "$1"
  echo "build-test-fixtures: $2" >&2
}

fetch_nvidia() {
  if [ -f "$nvidia/root-535/.complete" ] && [ -f "$nvidia/root-470/.complete" ] && [ -f "$nvidia/include/nvml.h" ]; then
    return 0
  fi
  command -v apt-get >/dev/null || { unavailable "$nvidia/UNAVAILABLE" "apt-get not found: cannot fetch NVIDIA's Debian packages"; return 1; }
  command -v dpkg >/dev/null || { unavailable "$nvidia/UNAVAILABLE" "dpkg not found: cannot unpack NVIDIA's Debian packages"; return 1; }
  local apt=$nvidia/apt
  mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/debs"
  local keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  [ -r "$keyring" ] || { unavailable "$nvidia/UNAVAILABLE" "$keyring not found: not a Debian machine"; return 1; }
  cat > "$apt/sources.list" <<SOURCES
deb [signed-by=$keyring] http://deb.debian.org/debian bookworm main contrib non-free
deb [signed-by=$keyring] http://deb.debian.org/debian bookworm-updates main contrib non-free
deb [signed-by=$keyring] http://deb.debian.org/debian-security bookworm-security main contrib non-free
SOURCES
  local opts=(-q -o "Dir::Etc::SourceList=$apt/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
              -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o "Debug::NoLocking=1"
              -o "APT::Sandbox::User=root")
  if ! timeout 300 apt-get "${opts[@]}" update >"$apt/update.log" 2>&1; then
    unavailable "$nvidia/UNAVAILABLE" "apt-get update failed (no network to Debian's mirror?): $(tail -n 1 "$apt/update.log")"
    return 1
  fi
  # shellcheck disable=SC2086
  if ! (cd "$apt/debs" && timeout 300 apt-get "${opts[@]}" download $packages_535 $packages_470 $packages_dev >"$apt/download.log" 2>&1); then
    unavailable "$nvidia/UNAVAILABLE" "apt-get download of NVIDIA's packages failed: $(tail -n 1 "$apt/download.log")"
    return 1
  fi
  rm -rf "$nvidia/root-535" "$nvidia/root-470" "$nvidia/include"
  mkdir -p "$nvidia/root-535" "$nvidia/root-470" "$nvidia/include" "$apt/dev"
  for p in $packages_535; do dpkg -x "$apt"/debs/"${p}"_*.deb "$nvidia/root-535" || return 1; done
  for p in $packages_470; do dpkg -x "$apt"/debs/"${p}"_*.deb "$nvidia/root-470" || return 1; done
  dpkg -x "$apt"/debs/"${packages_dev}"_*.deb "$apt/dev" || return 1
  cp "$apt/dev/usr/include/nvml.h" "$nvidia/include/nvml.h"
  # Only the libraries matter; Debian's docs and bug scripts would just be noise in the root.
  rm -rf "$nvidia/root-535/usr/share" "$nvidia/root-470/usr/share"
  touch "$nvidia/root-535/.complete" "$nvidia/root-470/.complete"
}

compile_fakes() {
  command -v gcc >/dev/null || { unavailable "$native/UNAVAILABLE" "gcc not found: cannot compile the fake driver libraries"; return 1; }
  [ -f "$nvidia/include/nvml.h" ] || { unavailable "$native/UNAVAILABLE" "NVIDIA's nvml.h is unavailable: $(cat "$nvidia/UNAVAILABLE" 2>/dev/null)"; return 1; }
  # Each fake names its outputs in its first lines, one per variant, with extra gcc flags:
  #   // soname: fake-nvml/libnvidia-ml.so.1
  #   // soname: fake-nvml-r470/libnvidia-ml.so.1 -DFAKE_R470
  local src out line
  local -a flags
  for src in "$here"/*.c; do
    [ -e "$src" ] || continue
    grep -q '^// soname: ' "$src" || { unavailable "$native/UNAVAILABLE" "$src lacks a '// soname:' line"; return 1; }
    while read -r line; do
      read -r -a flags <<< "$line"
      out=${flags[0]}
      flags=("${flags[@]:1}")
      mkdir -p "$native/$(dirname "$out")"
      if ! gcc -std=c11 -Wall -Wextra -Werror -O1 -shared -fPIC -I"$nvidia/include" "${flags[@]}" \
          -Wl,-soname,"$(basename "$out")" -o "$native/$out" "$src" 2>"$native/gcc.log"; then
        unavailable "$native/UNAVAILABLE" "gcc failed on $(basename "$src") for $out: $(head -n 3 "$native/gcc.log" | tr '\n' ' ')"
        return 1
      fi
    done < <(sed -n 's|^// soname: *||p' "$src")
  done
}

fetch_nvidia
compile_fakes
exit 0
