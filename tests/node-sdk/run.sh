#!/usr/bin/env bash
# Runs the OpenAI Node SDK tests (server-sdk.test.mjs) against the local server, which they start themselves
# (the dll built by build.sh, or $DEEPSEEK_OCR_SERVER_EXE). Installs node_modules from package-lock.json first when
# they are missing or older than the lock file. Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

give_up() {
  echo "node-sdk: $*"
  echo "0 passed, 1 failed"
  exit 1
}

command -v node >/dev/null && command -v npm >/dev/null || give_up "node and npm are needed (Node.js 20 or later)"
if [ ! -f node_modules/openai/package.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  if ! npm ci --no-audit --no-fund --loglevel=error >npm-ci.log 2>&1; then
    tail -n 5 npm-ci.log
    give_up "'npm ci' could not install the openai package (is the npm registry reachable? offline, these tests cannot run; log: $PWD/npm-ci.log)"
  fi
fi

output=$(mktemp)
trap 'rm -f "$output"' EXIT
node --test --test-reporter=tap server-sdk.test.mjs | tee "$output"
status=${PIPESTATUS[0]}
passed=$(grep -oE '^# pass [0-9]+' "$output" | grep -oE '[0-9]+$' || echo 0)
failed=$(grep -oE '^# fail [0-9]+' "$output" | grep -oE '[0-9]+$' || echo 0)
echo "${passed:-0} passed, ${failed:-0} failed"
exit "$status"
