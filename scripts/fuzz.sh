#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz, a separate clang project) into build-fuzz/ and runs each
# for a share of ARBOR_FUZZ_SECONDS (default 60) on its committed corpus (tests/fuzz/corpus/NAME).
# New inputs go to a scratch folder unless ARBOR_FUZZ_MERGE=1, which merges them into the corpus.
# A crash fails the run and names the saved input: make it a unit test, fix, and add it to the corpus.
# The mutations follow a fixed seed (ARBOR_FUZZ_SEED, default 1), so a run is repeatable: a failure
# seen in CI comes back on the same corpus, and a clean run is not luck of the draw.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${ARBOR_FUZZ_BUILD_DIR:-$root/build-fuzz}"
seconds="${ARBOR_FUZZ_SECONDS:-60}"
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
start=$(date +%s)
cmake -S "$root/tests/fuzz" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  "${launcher[@]}" >/dev/null
cmake --build "$build" -j "${ARBOR_JOBS:-2}"
echo "fuzz: built in $(( $(date +%s) - start )) s"
mapfile -t targets < <(find "$build" -maxdepth 1 -type f -name 'fuzz_*' -executable | sort)
per=$(( seconds / ${#targets[@]} ))
[ "$per" -lt 2 ] && per=2
mkdir -p "$build/crashes"
failed=0
for t in "${targets[@]}"; do
  name="$(basename "$t")"
  corpus="$root/tests/fuzz/corpus/${name#fuzz_}"
  scratch="$build/new/${name#fuzz_}"
  mkdir -p "$corpus" "$scratch"
  log="$build/$name.log"
  if "$t" -max_total_time="$per" -timeout=5 -rss_limit_mb=1024 -max_len=4096 -print_final_stats=1 -seed="${ARBOR_FUZZ_SEED:-1}" \
       -artifact_prefix="$build/crashes/$name-" "$scratch" "$corpus" >"$log" 2>&1; then
    execs=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')
    echo "fuzz: $name ok, ${execs:-?} executions in ${per} s"
  else
    failed=1
    echo "fuzz: $name FAILED; input saved as:" && ls "$build/crashes/$name-"* 2>/dev/null
    tail -n 30 "$log"
  fi
  if [ "${ARBOR_FUZZ_MERGE:-0}" = 1 ]; then
    "$t" -merge=1 "$corpus" "$scratch" >/dev/null 2>&1 || true
  fi
done
exit $failed
