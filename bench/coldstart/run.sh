#!/usr/bin/env bash
# Cold start of libdeepseek_ocr.so: builds coldstart.c, runs it as N separate processes (default 20) and prints the
# median and p90 of the time from dlopen to the first completed ocr_image against a loopback server, for three hosts:
# the server in a thread started before the library is loaded, in a thread started after it, and in a forked child.
# Usage: bench/coldstart/run.sh [N]      Environment: DEEPSEEK_OCR_LIBRARY (default artifacts/native/lib/libdeepseek_ocr.so),
#        COLDSTART_IMAGE_BYTES (default 65536). Needs ./build.sh to have built the library. Exits 1 if a run fails.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
runs=${1:-20}
library=${DEEPSEEK_OCR_LIBRARY:-$root/artifacts/native/lib/libdeepseek_ocr.so}
[ -f "$library" ] || { echo "run.sh: $library not found: run ./build.sh first" >&2; exit 1; }

out="$root/build/coldstart"
mkdir -p "$out"
cc -std=c11 -O2 -Wall -Wextra -Werror -I"$root/native/include" "$root/bench/coldstart/coldstart.c" -o "$out/coldstart" -ldl -lpthread

# Three hosts (see coldstart.c for why they differ): threads started before the library is loaded (dlopen from a
# multi-threaded program), threads started after it (a program linked with -ldeepseek_ocr, or a Python script that
# makes its first client before it starts threads), and a single-threaded process (the best case).
for mode in thread thread-after-load process; do
  results="$out/results-$mode.txt"
  : > "$results"
  for ((i = 1; i <= runs; i++)); do
    "$out/coldstart" "$library" "${COLDSTART_IMAGE_BYTES:-65536}" "$mode" >> "$results"
  done

  # Nearest-rank p90 over the runs' totals; the median of an even count is the mean of the two middle values.
  sed -n 's/^total_ms=\([0-9.]*\).*/\1/p' "$results" | sort -n | awk -v n="$runs" -v mode="$mode" '
    { v[NR] = $1 }
    END {
      if (NR != n) { print "run.sh: expected " n " results, got " NR > "/dev/stderr"; exit 1 }
      median = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
      p90 = v[int(n * 0.9 + 0.999999)]
      host = mode == "thread" ? "threads started before the load" : mode == "process" ? "single-threaded" : "threads started after the load"
      printf "cold start, %s (dlopen -> first ocr_image), %d runs: median %.2f ms, p90 %.2f ms, min %.2f ms, max %.2f ms\n", host, n, median, p90, v[1], v[n]
    }'
  awk '{ for (i = 2; i <= 5; i++) { split($i, kv, "="); sum[kv[1]] += kv[2] } }
    END {
      printf "  mean parts: dlopen %.2f ms, runtime start (first call) %.2f ms, ocr_client_new %.2f ms, first ocr_image %.2f ms\n",
        sum["dlopen_ms"] / NR, sum["runtime_start_ms"] / NR, sum["client_new_ms"] / NR, sum["first_image_ms"] / NR
    }' "$results"
done
