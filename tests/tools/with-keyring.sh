#!/bin/sh
# Runs a command against a real Secret Service: a D-Bus session of its own (dbus-run-session) with a
# gnome-keyring-daemon whose login keyring is created and unlocked in a throw-away HOME, so the
# QtKeychain path a desktop user depends on is exercised without touching anyone's keyring.
# Without dbus-run-session or gnome-keyring-daemon it runs the command as is (which then skips,
# saying no keychain is reachable); with them, a keychain that does not answer is a failure.
set -eu
if [ -z "${ARBOR_KEYRING_INSIDE:-}" ]; then
    for program in dbus-run-session gnome-keyring-daemon; do
        if ! command -v "$program" >/dev/null 2>&1; then
            echo "with-keyring: $program is not installed; running without a Secret Service" >&2
            exec "$@"
        fi
    done
    scratch="$(mktemp -d "${TMPDIR:-/tmp}/arbor-keyring.XXXXXX")"
    trap 'rm -rf "$scratch"' EXIT INT TERM
    mkdir -p "$scratch/home" "$scratch/run"
    chmod 700 "$scratch/run"
    status=0
    HOME="$scratch/home" XDG_DATA_HOME="$scratch/home/.local/share" XDG_CONFIG_HOME="$scratch/home/.config" \
        XDG_RUNTIME_DIR="$scratch/run" ARBOR_KEYRING_INSIDE=1 ARBOR_REQUIRE_KEYCHAIN=1 \
        dbus-run-session -- "$0" "$@" || status=$?
    exit "$status"
fi
# Inside the session: create and unlock the login keyring (the password only guards this scratch
# keyring), start the secrets component, then run the command. The bus ends with the command and
# takes the daemon with it.
printf '%s' "arbor-test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
gnome-keyring-daemon --start --components=secrets >/dev/null
exec "$@"
