#!/usr/bin/env bash
# Installs every Debian 12 package Arbor needs to build, run and test. Idempotent: installs only
# what is missing, so a second run is quick and changes nothing.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev libqt6opengl6-dev qt6-svg-dev
  libqt6sql6-mysql libqt6sql6-sqlite libmariadb-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qtkeychain-qt6-dev
  libgl1-mesa-dev
  mariadb-server mariadb-client
  xvfb xauth fonts-dejavu-core imagemagick x11-utils
  dbus-daemon gnome-keyring libsecret-1-0
  dpkg-dev file appstream desktop-file-utils
  iptables libfaketime # tests/chaos: link cuts in the test's own network namespace, pinned clocks
  clang libclang-rt-14-dev
  chromium jq
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "setup: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# The mariadb-server package tries to start a system server; the sandbox never uses it.
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "setup: done"
