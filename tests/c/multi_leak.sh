#!/usr/bin/env bash
# Runs test_multi's free case (AddressSanitizer build) under LeakSanitizer twice: a few rounds and many. Each round
# frees two multis with items running, queued, and ended but undelivered (results and deltas never handed out).
# Nothing more may be left behind by many more freed multis (as in stress.sh; leak_growth.sh says why and how).
# Usage: multi_leak.sh TEST_MULTI_ASAN_BINARY
set -uo pipefail
binary=$1
source "$(dirname "$0")/leak_growth.sh"

DSOCR_MULTI_FREE_ROUNDS=2 "$binary" free_with_items_in_flight_returns_promptly >"$short" 2>&1
DSOCR_MULTI_FREE_ROUNDS=20 "$binary" free_with_items_in_flight_returns_promptly >"$full" 2>&1
full_status=$?
grep -E '^(PASS|FAIL) ' "$short" "$full"
fail_on_memory_errors
report_leaks "after 2 rounds (80 items)" "after 20 (800 items)"
grep -q '^PASS ' "$full" && [ "$full_status" -eq 0 ] || { echo "multi_leak.sh: the case failed"; exit 1; }
# The 16 KiB of slack: 360 more results of ~150 bytes each left behind would exceed it.
fail_on_leak_growth "the number of freed multis"
