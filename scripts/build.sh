#!/usr/bin/env bash
# Configures and builds Arbor into build/ (or $ARBOR_BUILD_DIR). Extra arguments go to cmake;
# $ARBOR_TARGETS (space separated) limits what is built.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${ARBOR_BUILD_DIR:-$root/build}"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
targets=()
for t in ${ARBOR_TARGETS:-}; do targets+=(--target "$t"); done
cmake --build "$build" -j "${ARBOR_JOBS:-2}" "${targets[@]}"
