#!/usr/bin/env bash
# Runs every test suite (unit, integration, e2e) in one node:test run, inside a private D-Bus
# session with an unlocked gnome-keyring, and ends with the totals line CI reads:
# `N passed, N failed, N skipped`.
set -uo pipefail
cd "$(dirname "$0")/.."

if [ "${POSTLINE_KEYRING_SESSION:-}" != 1 ]; then
  command -v /usr/bin/chromium >/dev/null || { echo "missing chromium: run 'bash scripts/install-system-deps.sh' first" >&2; exit 2; }
  exec bash scripts/keyring-session.sh bash "$0" "$@"
fi

mapfile -t files < <(find test/unit test/integration test/component test/e2e -name '*.test.ts' -o -name '*.test.tsx' | sort)
if [ "$#" -gt 0 ]; then files=("$@"); fi

# The e2e suite loads the built renderer: build it when any e2e test is selected.
if printf '%s\n' "${files[@]}" | grep -q '^test/e2e/'; then
  echo "building the renderer for the e2e suite"
  node_modules/.bin/vite build --logLevel warn || { echo "0 passed, 1 failed"; exit 1; }
fi

out=$(mktemp)
# A test that hangs is cancelled after 3 minutes and counted as failed, so CI never waits forever.
# Any unhandled rejection or uncaught exception fails the run (test/helpers/strict-process.ts).
node --import tsx --import ./test/helpers/strict-process.ts --unhandled-rejections=strict --test --test-concurrency=1 --test-timeout=180000 --test-reporter=spec "${files[@]}" 2>&1 | tee "$out"
status=${PIPESTATUS[0]}

count() { grep -E "^ℹ $1 [0-9]+" "$out" | tail -n 1 | awk '{print $3}'; }
passed=$(count pass); failed=$(count fail); skipped=$(count skipped); cancelled=$(count cancelled)
failed=$(( ${failed:-0} + ${cancelled:-0} ))
if [ -z "$passed" ]; then passed=0; failed=$(( failed > 0 ? failed : 1 )); fi
rm -f "$out"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "${passed} passed, ${failed} failed, ${skipped:-0} skipped"
exit "$status"
