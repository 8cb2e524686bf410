#!/usr/bin/env bash
# Streaming through the C ABI (ocr_stream, the real libdeepseek_ocr.so) against curl reading the same bytes from the
# same loopback server, in one run: see "Streaming through the C ABI against curl" in bench/README.md.
# Usage: bench/stream/run.sh [events (100000)] [rounds (9)] [unique|repeating|both] [--no-curl]
#   PREFIX=/path/to/prefix times another build of the library (default: artifacts/native, from native/build.sh).
#   PERF=1 records the ocr_stream rounds alone with perf (linux-perf) and prints the top frames of the calling
#   process; PUBLISH names the folder with that build's libdeepseek_ocr.so and .so.dbg (artifacts/publish/linux-x64).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
prefix=${PREFIX:-$root/artifacts/native}
[ -e "$prefix/lib/libdeepseek_ocr.so" ] || { echo "run.sh: no $prefix/lib/libdeepseek_ocr.so: run native/build.sh first" >&2; exit 1; }
command -v curl >/dev/null || { echo "run.sh: curl is needed (apt-get install curl)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -O2 -std=c11 -Wall -Wextra -Werror -I "$prefix/include" "$root/bench/stream/stream_bench.c" -o "$work/stream_bench" \
  -L "$prefix/lib" -ldeepseek_ocr -Wl,-rpath,"$prefix/lib" -lpthread

if [ "${PERF:-0}" = 1 ]; then
  # The symbols of the AOT code are in libdeepseek_ocr.so.dbg next to the published .so; perf finds them there.
  publish=${PUBLISH:-$root/artifacts/publish/linux-x64}
  mkdir -p "$work/lib"
  cp "$publish/libdeepseek_ocr.so" "$work/lib/libdeepseek_ocr.so.1"
  cp "$publish/libdeepseek_ocr.so.dbg" "$work/lib/"
  for kind in unique repeating; do
    LD_LIBRARY_PATH=$work/lib perf record -q -F 4000 -o "$work/perf-$kind.data" \
      "$work/stream_bench" "${1:-100000}" "${2:-20}" "$kind" --no-curl
    echo "== $kind: threads (samples), then the top frames of all threads =="
    perf script -i "$work/perf-$kind.data" -F comm 2>/dev/null | sort | uniq -c | sort -rn
    perf report -i "$work/perf-$kind.data" --no-children --sort comm,sym --stdio 2>/dev/null \
      | grep -v '^#' | grep -v '^$' | head -30 || true # head ends the pipe early
  done
  exit 0
fi

uptime
"$work/stream_bench" "$@"
