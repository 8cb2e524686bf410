#!/usr/bin/env bash
# Runs test_multi's free case (AddressSanitizer build) under LeakSanitizer twice: a few rounds and many. Each round
# frees two multis with items running, queued, and ended but undelivered (results and deltas never handed out).
# The library's runtime keeps a few one-time allocations for the life of the process, which LeakSanitizer lists at
# exit; what must hold is that nothing more is left behind by many more freed multis (as in stress.sh).
# Usage: multi_leak.sh TEST_MULTI_ASAN_BINARY
set -uo pipefail
binary=$1
export ASAN_OPTIONS=detect_leaks=1:exitcode=0:abort_on_error=0
export LSAN_OPTIONS=exitcode=0

leaked() { sed -nE 's/.*SUMMARY: AddressSanitizer: ([0-9]+) byte\(s\) leaked.*/\1/p' "$1" | tail -n 1; }

short=$(mktemp) full=$(mktemp)
trap 'rm -f "$short" "$full"' EXIT
DSOCR_MULTI_FREE_ROUNDS=2 "$binary" free_with_items_in_flight_returns_promptly >"$short" 2>&1
DSOCR_MULTI_FREE_ROUNDS=20 "$binary" free_with_items_in_flight_returns_promptly >"$full" 2>&1
full_status=$?
grep -E '^(PASS|FAIL) ' "$short" "$full"
grep -E 'ERROR: AddressSanitizer|runtime error:' "$short" "$full" && { echo "multi_leak.sh: memory errors reported"; exit 1; }
short_leak=$(leaked "$short")
full_leak=$(leaked "$full")
echo "left at exit: ${short_leak:-0} bytes after 2 rounds (80 items), ${full_leak:-0} bytes after 20 (800 items)"
grep -q '^PASS ' "$full" && [ "$full_status" -eq 0 ] || { echo "multi_leak.sh: the case failed"; exit 1; }
# 16 KiB of slack for per-thread runtime state: 360 more results of ~150 bytes each left behind would exceed it.
if (( ${full_leak:-0} - ${short_leak:-0} > 16384 )); then
  echo "multi_leak.sh: memory left behind grows with the number of freed multis"
  exit 1
fi
