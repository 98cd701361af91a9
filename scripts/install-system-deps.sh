#!/usr/bin/env bash
# Installs the Debian packages Postline's tests need: a real keychain on a private D-Bus session
# (gnome-keyring, libsecret), keytar's build headers, and Chromium for the e2e suite.
set -euo pipefail
packages=(chromium gnome-keyring libsecret-tools libsecret-1-dev dbus-x11 xvfb)
missing=()
for p in "${packages[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p"); done
if [ "${#missing[@]}" -eq 0 ]; then echo "system packages: all present"; exit 0; fi
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
