#!/usr/bin/env bash
# The main job: install what is missing, build, start a 5-server MariaDB sandbox on 127.0.0.1 and
# open Arbor on it. With a display: the desktop window. Without one: the live tree in this terminal,
# polled until Ctrl-C. The sandbox is stopped on the way out, whatever happens.
#   scripts/demo.sh [--shape tree|chain|star|two-clusters] [--no-gtid]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${ARBOR_BUILD_DIR:-$root/build}"
"$root/scripts/setup.sh"
ARBOR_TARGETS="arbor arbor-sandbox" "$root/scripts/build.sh"

work="$(mktemp -d /tmp/arbor-demo.XXXXXX)"
ready="$work/ready"
"$build/tests/tools/arbor-sandbox" --dir "$work/sandbox" --ready-file "$ready" "$@" &
sandbox_pid=$!
cleanup() {
  kill -TERM "$sandbox_pid" 2>/dev/null || true
  wait "$sandbox_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for _ in $(seq 1 600); do
  [ -s "$ready" ] && break
  kill -0 "$sandbox_pid" 2>/dev/null || { echo "demo: the sandbox failed to start" >&2; exit 1; }
  sleep 0.1
done
[ -s "$ready" ] || { echo "demo: the sandbox did not become ready in 60 s" >&2; exit 1; }
seed="$(sed -n 's/^seed=//p' "$ready")"
credentials="$(sed -n 's/^credentials=//p' "$ready")"

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  "$build/app/arbor" --seed "$seed" --credentials "$credentials" --store "$work/arbor.sqlite3"
else
  echo "demo: no display; printing the live topology here (Ctrl-C to stop)"
  "$build/app/arbor" watch "$seed" --credentials "$credentials" --interval 1
fi
