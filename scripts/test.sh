#!/usr/bin/env bash
# The test command: install what is missing, build with warnings as errors, run every test
# (unit, integration on real mariadbd sandboxes, gui offscreen, chaos: faults in a private network
# namespace, as root) through ctest.
# Extra arguments go to ctest, e.g. scripts/test.sh -L unit
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh"
"$root/scripts/build.sh" -DARBOR_WERROR=ON
cd "${ARBOR_BUILD_DIR:-$root/build}"
ctest --output-on-failure -j "${ARBOR_JOBS:-2}" --timeout 600 "$@"
