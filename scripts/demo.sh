#!/usr/bin/env bash
# The main job: install what is missing, build, start a 5-server MariaDB sandbox on 127.0.0.1 and
# open Arbor on it. With a display: the desktop window. Without one: the live tree in this terminal,
# polled until Ctrl-C. The sandbox is stopped on the way out, whatever happens.
#   scripts/demo.sh [--shape tree|chain|star|two-clusters] [--no-gtid]
#   scripts/demo.sh --simulator mysql-8.4|mysql-8.0|mysql-5.7   (a simulated 5-server MySQL tree instead:
#                                                              Debian has no MySQL server; tests/simulator)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${ARBOR_BUILD_DIR:-$root/build}"
flavour=""
if [ "${1:-}" = "--simulator" ]; then
  flavour="${2:?demo: --simulator needs a flavour: mysql-5.7, mysql-8.0 or mysql-8.4}"
  shift 2
fi
"$root/scripts/setup.sh"
if [ -n "$flavour" ]; then tools="arbor-simulator"; else tools="arbor-sandbox"; fi
ARBOR_TARGETS="arbor $tools" "$root/scripts/build.sh"

work="$(mktemp -d /tmp/arbor-demo.XXXXXX)"
ready="$work/ready"
if [ -n "$flavour" ]; then
  "$build/tests/simulator/arbor-simulator" --servers 5 --cluster-size 5 --fanout 2 --threads 1 --lagging-share 0.5 \
    --flavour "$flavour" --ready-file "$ready" "$@" >/dev/null &
else
  "$build/tests/tools/arbor-sandbox" --dir "$work/sandbox" --ready-file "$ready" "$@" &
fi
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
if [ -n "$flavour" ]; then
  seed="127.0.0.1:$(sed -n 's/^base=\([0-9]*\).*/\1/p' "$ready")"
  credentials="$work/credentials.cnf" # the simulator's monitoring account (arbor/arbor unless $ARBOR_SIMULATOR_PASSWORD)
  (umask 077 && printf '[client]\nuser=arbor\npassword=%s\n' "${ARBOR_SIMULATOR_PASSWORD:-arbor}" >"$credentials")
else
  seed="$(sed -n 's/^seed=//p' "$ready")"
  credentials="$(sed -n 's/^credentials=//p' "$ready")"
fi

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  "$build/app/arbor" --seed "$seed" --credentials "$credentials" --store "$work/arbor.sqlite3"
else
  echo "demo: no display; printing the live topology here (Ctrl-C to stop)"
  "$build/app/arbor" watch "$seed" --credentials "$credentials" --interval 1
fi
