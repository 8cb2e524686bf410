#!/usr/bin/env bash
# Runs stress_abi (AddressSanitizer build) twice under LeakSanitizer: a short run and the full 16 x 500. The
# library's runtime keeps a few one-time allocations for the life of the process, which LeakSanitizer lists at
# exit; what must hold is that nothing more is left behind by 12 times as many requests (and that every request
# and the resident-memory check pass).
# Usage: stress.sh STRESS_ABI_BINARY
set -uo pipefail
binary=$1
export ASAN_OPTIONS=detect_leaks=1:exitcode=0:abort_on_error=0
export LSAN_OPTIONS=exitcode=0

leaked() { sed -nE 's/.*SUMMARY: AddressSanitizer: ([0-9]+) byte\(s\) leaked.*/\1/p' "$1" | tail -n 1; }

short=$(mktemp) full=$(mktemp)
trap 'rm -f "$short" "$full"' EXIT
# The short run is only the baseline of what the runtime keeps: too short for its own memory check to mean much.
"$binary" 16 40 >"$short" 2>&1
"$binary" 16 500 >"$full" 2>&1
full_status=$?
grep -E '^requests:|passed, .* failed$' "$short" "$full"
grep -E 'ERROR: AddressSanitizer|runtime error:' "$short" "$full" && { echo "stress.sh: memory errors reported"; exit 1; }
short_leak=$(leaked "$short")
full_leak=$(leaked "$full")
echo "left at exit: ${short_leak:-0} bytes after 640 requests, ${full_leak:-0} bytes after 8000"
[ "$full_status" -eq 0 ] || { echo "stress.sh: a request or the memory check failed"; exit 1; }
# 16 KiB of slack for per-thread runtime state: a leak of even 3 bytes per request would exceed it.
if (( ${full_leak:-0} - ${short_leak:-0} > 16384 )); then
  echo "stress.sh: memory left behind grows with the number of requests"
  exit 1
fi
