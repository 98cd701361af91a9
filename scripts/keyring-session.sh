#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a temporary, unlocked gnome-keyring, so the
# tests and benchmarks use a real keychain and never touch the person's own. Already inside one
# (POSTLINE_KEYRING_SESSION=1), it just runs the command. Exits with the command's status.
set -uo pipefail

if [ "${POSTLINE_KEYRING_SESSION:-}" = 1 ]; then exec "$@"; fi

if [ -z "${POSTLINE_KEYRING_BUS:-}" ]; then
  for tool in dbus-run-session gnome-keyring-daemon secret-tool; do
    command -v "$tool" >/dev/null || { echo "missing $tool: run 'bash scripts/install-system-deps.sh' first" >&2; exit 2; }
  done
  export POSTLINE_KEYRING_BUS=1
  exec dbus-run-session -- bash "$0" "$@"
fi

# The keyring lives in a temporary XDG_DATA_HOME and goes with it.
XDG_DATA_HOME=$(mktemp -d)
export XDG_DATA_HOME
trap 'kill "${GNOME_KEYRING_PID:-}" 2>/dev/null; rm -rf "$XDG_DATA_HOME"' EXIT
eval "$(printf %s postline-test | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
export POSTLINE_KEYRING_SESSION=1
"$@"
status=$?
exit "$status"
