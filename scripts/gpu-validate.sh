#!/usr/bin/env bash
# Validates gpu-doctor against a real NVIDIA driver on a lent GPU machine.
#
#   scripts/gpu-validate.sh bundle   (here, after `mvn package`): writes target/gpu-validate/,
#                                    a jlink'ed Java runtime plus the jar, under 64 MiB, so the
#                                    GPU machine needs no Java of its own.
#   scripts/gpu-validate.sh run      (on the GPU machine, from the repo root, the bundle carried):
#                                    starts a small CUDA workload (python3 + torch), runs
#                                    `gpu-doctor gpus --format json`, and compares it field by field
#                                    with `nvidia-smi --query-gpu` and `--query-compute-apps`.
#                                    Writes the raw outputs and the comparison to $OUT (or ./target).
# Exit status of run: 0 when every compared field agrees, 1 when one does not, 2 when it could not run.
set -euo pipefail
cd "$(dirname "$0")/.."
bundle=target/gpu-validate

make_bundle() {
  [ -f agent/target/gpu-doctor.jar ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
  rm -rf "$bundle"
  mkdir -p "$bundle"
  # Modules the shaded jar needs: JNA (jdk.unsupported), Jackson (java.sql for its optional date types),
  # picocli and logging (java.logging, java.management); java.xml for snakeyaml-free environments.
  jlink --add-modules java.base,java.logging,java.management,java.naming,java.sql,java.xml,jdk.unsupported \
        --strip-debug --no-header-files --no-man-pages --compress=2 --output "$bundle/jre"
  cp agent/target/gpu-doctor.jar "$bundle/"
  du -sh "$bundle" | awk '{print "bundle size: " $1}'
}

run_validation() {
  local out=${OUT:-target/gpu-validate-out}
  mkdir -p "$out"
  [ -x "$bundle/jre/bin/java" ] || { echo "no bundle at $bundle: run 'scripts/gpu-validate.sh bundle' first and carry it" >&2; exit 2; }
  command -v nvidia-smi >/dev/null || { echo "nvidia-smi not found: not a GPU machine" >&2; exit 2; }
  local workload_pid=""
  if python3 -c 'import torch; assert torch.cuda.is_available()' 2>/dev/null; then
    # Holds ~1 GiB on GPU 0 and keeps a kernel busy so memory, utilisation and processes show up.
    python3 - <<'PY' &
import time, torch
x = torch.empty(256 * 1024 * 1024, dtype=torch.float32, device="cuda:0")
end = time.time() + 90
while time.time() < end:
    x.mul_(1.0000001)
    torch.cuda.synchronize()
PY
    workload_pid=$!
    sleep 8
  else
    echo "note: python3 with CUDA torch unavailable; no workload started" | tee "$out/notes.txt"
  fi
  local java="$bundle/jre/bin/java -XX:+UseSerialGC -jar $bundle/gpu-doctor.jar"
  set +e
  $java gpus --format json > "$out/gpus.json" 2> "$out/gpus.stderr"
  echo "gpu-doctor gpus exit: $?" >> "$out/notes.txt"
  $java gpus > "$out/gpus.txt" 2>&1
  set -e
  nvidia-smi --query-gpu=index,uuid,name,serial,pci.bus_id,compute_cap,driver_version,memory.total,memory.used,memory.free,temperature.gpu,power.draw,power.limit,clocks.gr,clocks.sm,clocks.mem,clocks.video,persistence_mode,compute_mode,mig.mode.current,mig.mode.pending,fan.speed,utilization.gpu \
    --format=csv,noheader,nounits > "$out/smi-gpus.csv"
  nvidia-smi --query-compute-apps=gpu_uuid,pid,used_memory --format=csv,noheader,nounits > "$out/smi-apps.csv"
  nvidia-smi -q > "$out/smi-q.txt" 2>&1 || true
  [ -n "$workload_pid" ] && kill "$workload_pid" 2>/dev/null
  python3 - "$out" <<'PY'
import csv, json, sys
out = sys.argv[1]
inv = json.load(open(f"{out}/gpus.json"))
gpus = {g["index"]: g for g in inv["gpus"]}
MIB = 1024 * 1024
rows, bad = [], 0

def num(s):
    try:
        return float(s)
    except ValueError:
        return None

def compare(gpu, field, ours, theirs, tolerance=0.0):
    global bad
    if theirs in ("[N/A]", "[Not Supported]", "N/A"):
        ok = ours is None
    elif isinstance(ours, (int, float)) and num(theirs) is not None:
        ok = abs(ours - num(theirs)) <= tolerance
    else:
        ok = str(ours) == theirs
    bad += not ok
    rows.append(f"{gpu:>3}  {field:<22} {str(ours):<42} {theirs:<42} {'ok' if ok else 'DIFFERS'}")

with open(f"{out}/smi-gpus.csv") as f:
    for r in csv.reader(f, skipinitialspace=True):
        (idx, uuid, name, serial, bus, cc, drv, mt, mu, mf, temp, pdraw, plimit,
         cgr, csm, cmem, cvid, pers, cmode, migc, migp, fan, util) = [x.strip() for x in r]
        g = gpus.get(int(idx))
        if g is None:
            rows.append(f"{idx:>3}  missing from gpu-doctor"); bad += 1; continue
        m = g.get("memory") or {}
        compare(idx, "uuid", g["uuid"], uuid)
        compare(idx, "name", g["name"], name)
        compare(idx, "serial", g["serial"], serial)
        compare(idx, "pci.bus_id", g["pciBusId"], bus)
        compare(idx, "compute_cap", g["computeCapability"], cc)
        compare(idx, "driver_version", inv["nvml"]["driverVersion"], drv)
        compare(idx, "memory.total MiB", m.get("totalBytes", 0) // MIB, mt, 1)
        compare(idx, "memory.used MiB", m.get("usedBytes", 0) // MIB, mu, 64)
        compare(idx, "temperature.gpu", g["temperatureCelsius"], temp, 2)
        compare(idx, "power.draw W", g["powerUsageWatts"], pdraw, 25)
        compare(idx, "power.limit W", g["powerLimitWatts"], plimit, 0.5)
        compare(idx, "clocks.mem MHz", g["clocksMhz"].get("memory"), cmem, 1)
        compare(idx, "persistence_mode", {True: "Enabled", False: "Disabled", None: "[N/A]"}[g["persistenceMode"]], pers)
        compare(idx, "fan.speed %", g["fanSpeedPercent"], fan, 5)
        compare(idx, "mig.mode.current", None if g["migMode"] is None else ("Enabled" if g["migMode"]["current"] else "Disabled"), migc)

ours = {(gpus[i]["uuid"], p["pid"]): p for i in gpus for p in gpus[i]["processes"]}
with open(f"{out}/smi-apps.csv") as f:
    for r in csv.reader(f, skipinitialspace=True):
        if not r:
            continue
        uuid, pid, used = [x.strip() for x in r]
        p = ours.get((uuid, int(pid)))
        mem = None if p is None or p["usedMemoryBytes"] is None else p["usedMemoryBytes"] // MIB
        compare(uuid[:12], f"process {pid} MiB", mem, used, 1)

report = "\n".join([f"{'gpu':>3}  {'field':<22} {'gpu-doctor':<42} {'nvidia-smi':<42} result", *rows,
                    f"{len(rows) - bad} agree, {bad} differ"])
open(f"{out}/comparison.txt", "w").write(report + "\n")
print(report)
sys.exit(1 if bad else 0)
PY
}

case "${1:-}" in
  bundle) make_bundle ;;
  run) run_validation ;;
  *) echo "usage: scripts/gpu-validate.sh bundle|run" >&2; exit 2 ;;
esac
