#!/usr/bin/env bash
# Fuzzes every parser target (@FuzzTest methods in *FuzzTest classes) with Jazzer, one after the
# other, each for SECONDS. Prints one line per target and exits non-zero when any target crashed:
# threw something other than its declared failure, hung past the per-input timeout, or ran out of
# memory. Jazzer and its JUnit support come from Maven Central as test dependencies; nothing else
# is installed.
#
#   scripts/fuzz.sh            10 s per target (CI runs a shorter pass, see .ci/run)
#   scripts/fuzz.sh 600        10 min per target, before a release
#   scripts/fuzz.sh 3600 Cdi   1 h, only the targets whose class or method name contains "Cdi"
#
# Each target keeps what it learnt in target/fuzz/<target>/corpus and starts from there and from its
# committed seeds (src/test/resources/<package>/<Class>Inputs/<method>/, which `mvn verify` runs as
# regression tests). A crash leaves its input in target/fuzz/<target>/ and a reproducer beside it:
# fix the parser, add a regular test, and commit the input to the seeds.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-10}
filter=${2:-}
# Slow inputs are hangs: a parser must answer any one input in well under a second.
per_input_timeout=${FUZZ_INPUT_TIMEOUT:-10}
work=$PWD/target/fuzz
mkdir -p "$work"

# Compiles the tests and writes each module's test classpath to its target/fuzz-classpath.txt.
mvn -B -q ${FUZZ_MAVEN_OPTS:-} test-compile dependency:build-classpath -pl agent -am \
  -Dmdep.outputFile=target/fuzz-classpath.txt -Dmdep.includeScope=test

# module|class|method for every @FuzzTest method.
targets() {
  local file module class
  for file in $(find native-bindings/src/test/java agent/src/test/java -name '*FuzzTest.java' | sort); do
    module=${file%%/src/test/java/*}
    class=${file#*/src/test/java/}
    class=${class%.java}
    class=${class//\//.}
    grep -A1 '@FuzzTest' "$file" | sed -nE 's/^\s*void ([A-Za-z0-9_]+)\(.*/\1/p' \
      | while read -r method; do echo "$module|$class|$method"; done
  done
}

failed=0
ran=0
printf '%-75s %12s %10s %8s  %s\n' TARGET EXECUTIONS EXEC/S CORPUS RESULT
for target in $(targets); do
  IFS='|' read -r module class method <<<"$target"
  name="${class##*.}#$method"
  if [ -n "$filter" ] && [[ "$name" != *"$filter"* ]]; then
    continue
  fi
  ran=$((ran + 1))
  dir=$work/${class##*.}.$method
  seeds=$module/src/test/resources/${class//.//}Inputs/$method
  mkdir -p "$dir/corpus" "$seeds"
  log=$dir/fuzz.log
  set +e
  java -Xmx1g -XX:-OmitStackTraceInFastThrow \
    -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/fuzz-classpath.txt")" \
    com.code_intelligence.jazzer.Jazzer \
    --target_class="$class" --target_method="$method" --reproducer_path="$dir" \
    -max_total_time="$seconds" -timeout="$per_input_timeout" -rss_limit_mb=3072 \
    -artifact_prefix="$dir/" -print_final_stats=1 \
    "$dir/corpus" "$seeds" >"$log" 2>&1
  status=$?
  set -e
  executions=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+).*/\1/p' "$log" | tail -1)
  rate=$(sed -nE 's/^stat::average_exec_per_sec: *([0-9]+).*/\1/p' "$log" | tail -1)
  corpus=$(find "$dir/corpus" -type f | wc -l)
  if [ "$status" -eq 0 ]; then
    result=ok
  else
    failed=$((failed + 1))
    artifact=$(find "$dir" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'slow-unit-*' \) | head -1)
    result="CRASH (exit $status) ${artifact:-see $log}"
  fi
  printf '%-75s %12s %10s %8s  %s\n' "$name" "${executions:-?}" "${rate:-?}" "$corpus" "$result"
  if [ "$status" -ne 0 ]; then
    grep -m1 -A12 -E '== Java Exception|ERROR: libFuzzer' "$log" | sed 's/^/    /' || true
  fi
done

if [ "$ran" -eq 0 ]; then
  echo "fuzz: no target matches '$filter'" >&2
  exit 2
fi
echo "fuzz: $ran targets, $seconds s each, $failed crashed"
[ "$failed" -eq 0 ]
