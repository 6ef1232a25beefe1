#!/usr/bin/env bash
# Fuzzes EmoScope's untrusted-input readers with Jazzer (issue 18), one target after another, each for a fixed time.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]      default: 480 s each, all targets
#   scripts/fuzz.sh --seeds                    rewrites the committed seed files
#
# Targets: wavHeader, decode (org.emoscope.audio.AudioFuzzTest), load, networkArchive
# (org.emoscope.model.ModelBundleFuzzTest). Plain `mvn test` only replays their seeds and regression inputs. Here each
# target runs under Jazzer's own driver, so that the time can be chosen; libFuzzer's status lines (#N executions,
# cov, ft) go to target/fuzz/TARGET.log, the corpus it grows to target/fuzz/corpus/TARGET, and a crash, hang (a
# single input over 30 s: twice the decoder guard's limit), OutOfMemoryError or unclear message to
# target/fuzz/TARGET-crash-*. Copy such a file into src/test/resources/.../*FuzzTestInputs/TARGET/ and it becomes a
# regression input that `mvn test` replays. The same targets also fuzz through JUnit for 8 minutes each with
# JAZZER_FUZZ=1 mvn -o test -Dtest='AudioFuzzTest#decode'.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -o -q test-compile
mvn -o -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test >/dev/null
cp="target/test-classes:target/classes:$(cat target/cp.txt)"

if [[ "${1:-}" == "--seeds" ]]; then
  java -cp "$cp" org.emoscope.audio.AudioFuzzSeeds
  java -cp "$cp" org.emoscope.model.FuzzSeeds
  exit 0
fi

seconds="${1:-480}"
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(wavHeader decode load networkArchive)
mkdir -p target/fuzz

for target in "${targets[@]}"; do
  case "$target" in
    wavHeader|decode) class=org.emoscope.audio.AudioFuzzTest; inputs=src/test/resources/org/emoscope/audio/AudioFuzzTestInputs ;;
    load|networkArchive) class=org.emoscope.model.ModelBundleFuzzTest; inputs=src/test/resources/org/emoscope/model/ModelBundleFuzzTestInputs ;;
    *) echo "unknown target $target" >&2; exit 2 ;;
  esac
  corpus="target/fuzz/corpus/$target"
  mkdir -p "$corpus"
  echo "fuzzing $target for $seconds s (log: target/fuzz/$target.log)"
  # -rss_limit_mb: an input that makes the JVM grow past 2.5 GB is a finding; -timeout: a hang past the guard's limit
  set +e
  OMP_NUM_THREADS=1 java -Xmx1g -Dorg.bytedeco.javacpp.maxbytes=1g -Dorg.bytedeco.javacpp.maxphysicalbytes=2g \
    -Djava.awt.headless=true -cp "$cp" com.code_intelligence.jazzer.Jazzer \
    --target_class="$class" --target_method="$target" \
    --instrumentation_includes='org.emoscope.**:javazoom.**:org.jflac.**:org.tritonus.**:com.jcraft.**' \
    -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2560 -print_final_stats=1 \
    -artifact_prefix="target/fuzz/$target-" "$corpus" "$inputs/$target" >"target/fuzz/$target.log" 2>&1
  status=$?
  set -e
  grep -E '^#[0-9]+' "target/fuzz/$target.log" | tail -1 || true
  grep -E 'stat::number_of_executed_units|stat::peak_rss_mb' "target/fuzz/$target.log" || true
  [[ $status -eq 0 ]] || echo "$target: Jazzer exited with $status: a finding, see target/fuzz/$target.log"
done
