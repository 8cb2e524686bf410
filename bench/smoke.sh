#!/usr/bin/env bash
# CI smoke of the whole benchmark suite: every BenchmarkDotNet benchmark once, in process, on shrunken inputs, then
# the cold-start harness as 3 processes. It proves the benchmarks build, run and give correct answers; it measures
# nothing. Needs ./build.sh first (the end-to-end and cold-start benchmarks load artifacts/native/lib).
# Last line: "N passed, N failed" (the cold-start harness counts as one); exits non-zero when anything failed.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

if dotnet build bench/DeepSeekOcr.Benchmarks -c Release --nologo -v quiet -clp:ErrorsOnly >"$log" 2>&1; then
  dotnet run -c Release --no-build --project bench/DeepSeekOcr.Benchmarks -- --smoke 2>&1 | tee "$log" | grep -E '^\||^// RSS|Exception|failed with'
  counts=$(tail -n 1 "$log")
  if [[ $counts =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    passed=$((passed + BASH_REMATCH[1]))
    failed=$((failed + BASH_REMATCH[2]))
  else
    echo "smoke: the benchmark run ended without its counts: $counts" >&2
    failed=$((failed + 1))
  fi
else
  cat "$log" >&2
  echo "smoke: the benchmark project does not build" >&2
  failed=$((failed + 1))
fi

if bench/coldstart/run.sh 3; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
