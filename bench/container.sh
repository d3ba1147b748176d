#!/usr/bin/env bash
# Benchmarks the container side (issue: containers), warm and in-process, with JMH (sample time):
#   1. ContainerDiagnoseBenchmark: one container's diagnosis with the inventory already collected,
#      as the daemon answers /diagnose?container=REF (wholeDiagnosis: host part too; containerPart:
#      resolve the REF, read the facts, run the container checks). Target: under 50 ms.
#   2. AttributionBenchmark: one collection cycle's attribution, 8 GPUs x 64 processes across
#      32 containerd containers. Target: under 5 ms per cycle.
# Usage: bench/container.sh. Loopback-free, bounded (about 2 minutes of measuring), stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Pbench -pl bench -am -DskipTests package
java -jar bench/target/benchmarks.jar 'ContainerDiagnoseBenchmark|AttributionBenchmark' \
  -rf text -rff bench/target/container-jmh.txt
