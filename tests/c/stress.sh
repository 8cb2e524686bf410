#!/usr/bin/env bash
# Runs stress_abi (AddressSanitizer build) twice under LeakSanitizer: a short run and the full 16 x 500. Nothing more
# may be left behind by 12 times as many requests (leak_growth.sh says why and how), and every request and the
# resident-memory check must pass.
# Usage: stress.sh STRESS_ABI_BINARY
set -uo pipefail
binary=$1
source "$(dirname "$0")/leak_growth.sh"

# The short run is only the baseline of what the runtime keeps: too short for its own memory check to mean much.
"$binary" 16 40 >"$short" 2>&1
"$binary" 16 500 >"$full" 2>&1
full_status=$?
grep -E '^requests:|passed, .* failed$' "$short" "$full"
fail_on_memory_errors
report_leaks "after 640 requests" "after 8000"
[ "$full_status" -eq 0 ] || { echo "stress.sh: a request or the memory check failed"; exit 1; }
# The 16 KiB of slack: a leak of even 3 bytes per request would exceed it.
fail_on_leak_growth "the number of requests"
