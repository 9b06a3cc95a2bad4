#!/usr/bin/env bash
# `npm test`: everything, in order of cost. Installs Debian's Chromium (and the audio reference
# tools) when they are missing and this user may; otherwise says how.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
command -v sox >/dev/null 2>&1 || missing+=(sox)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test: installing ${missing[*]} with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "test: missing ${missing[*]}; install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

echo "== typecheck"; npx tsc --noEmit -p .
echo "== lint (import direction)"; npm run --silent lint
echo "== build"; npm run --silent build > /tmp/mixroom-build.log 2>&1 || { cat /tmp/mixroom-build.log; exit 1; }
echo "== unit and integration tests"; npx vitest run
echo "== browser tests"; npx playwright test
