#!/usr/bin/env bash
# The many-in-flight benchmark (issue 13): N small images against a loopback server that answers every chat completion
# after a fixed 50 ms, at 1, 8, 64 and 256 requests in flight, through each driver in the same run:
#   c_abi_one_thread    multi_driver.c: the C ABI (ocr_multi) from ONE thread
#   openai_dotnet_sdk   OpenAiPeer/: the OpenAI .NET SDK 2.15.0 with Task.WhenAll and a SemaphoreSlim
# and any driver added with --driver (or $MULTI_BENCH_DRIVERS, NAME=COMMAND entries separated by ';'). A driver is a
# command run as  COMMAND --url URL --images DIR --count N --inflight K  that prints one line
#   RESULT images=N failed=F seconds=S rss_idle_kib=A rss_peak_kib=B
# (seconds for the N images alone; rss_peak_kib the high-water mark of the run, rss_idle_kib before it: see
# multi_driver.c). The server alone: build/bench-multi/delay_server --delay-ms 50 (prints "port P"; GET /stats).
#
# Usage: bench/multi/run.sh [--count N] [--levels "1 8 64 256"] [--driver NAME=COMMAND]... [--no-build]
# Needs native/build.sh first (artifacts/native); --no-build runs the programs built before. Prints a Markdown table;
# exits 1 if any item failed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
count=1000
levels="1 8 64 256"
extra=()
no_build=
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count=$2; shift 2 ;;
    --levels) levels=$2; shift 2 ;;
    --driver) extra+=("$2"); shift 2 ;;
    --no-build) no_build=1; shift ;;
    *) echo "usage: bench/multi/run.sh [--count N] [--levels \"1 8 64 256\"] [--driver NAME=COMMAND]... [--no-build]" >&2; exit 2 ;;
  esac
done
if [ -n "${MULTI_BENCH_DRIVERS:-}" ]; then
  IFS=';' read -r -a from_env <<<"$MULTI_BENCH_DRIVERS"
  extra+=("${from_env[@]}")
fi

build=$root/build/bench-multi
if [ -z "$no_build" ]; then
  cmake -S "$root/bench/multi" -B "$build" -DCMAKE_PREFIX_PATH="$root/artifacts/native" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" >/dev/null
  flock -o /tmp/dsocr-build.lock dotnet build "$root/bench/multi/OpenAiPeer" -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
fi
peer_dll=$(ls "$root"/bench/multi/OpenAiPeer/bin/Release/net*/OpenAiPeer.dll | head -n 1)

work=$(mktemp -d)
server_pid=
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
python3 "$root/bench/multi/make_images.py" "$work/images" "$count"
"$build/delay_server" --delay-ms 50 >"$work/server.out" &
server_pid=$!
for _ in $(seq 50); do grep -q '^port ' "$work/server.out" 2>/dev/null && break; sleep 0.1; done
url=http://127.0.0.1:$(awk '/^port /{print $2}' "$work/server.out")

drivers=("c_abi_one_thread=$build/multi_driver" "openai_dotnet_sdk=dotnet $peer_dll" "${extra[@]}")
field() { sed -nE "s/.*[ ]$1=([0-9.]+).*/\1/p" <<<"$2"; }

echo "$count images per run, server delay 50 ms, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
echo
echo "| in flight | driver | images/s | % of ideal | most at server | connections | RSS idle MiB | RSS peak MiB | KiB per in-flight |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|"
status=0
for k in $levels; do
  for entry in "${drivers[@]}"; do
    name=${entry%%=*}
    command=${entry#*=}
    curl -s "$url/stats" >/dev/null # restarts the server's count of requests held at once
    line=$($command --url "$url" --images "$work/images" --count "$count" --inflight "$k" | grep '^RESULT' || true)
    stats=$(curl -s "$url/stats")
    most=$(sed -nE 's/.*"most_at_once":([0-9]+).*/\1/p' <<<"$stats")
    connections=$(sed -nE 's/.*"connections":([0-9]+).*/\1/p' <<<"$stats")
    if [ -z "$line" ] || [ "$(field failed "$line")" != 0 ]; then
      echo "| $k | $name | failed: ${line:-no RESULT line} | | | | | | |"
      status=1
      continue
    fi
    awk -v k="$k" -v name="$name" -v most="$most" -v connections="$connections" -v n="$(field images "$line")" -v s="$(field seconds "$line")" \
        -v idle="$(field rss_idle_kib "$line")" -v peak="$(field rss_peak_kib "$line")" 'BEGIN {
      rate = n / s; ideal = k / 0.050
      printf "| %d | %s | %.0f | %.1f%% | %d | %d | %.1f | %.1f | %.1f |\n", k, name, rate, 100 * rate / ideal, most,
             connections, idle / 1024, peak / 1024, (peak - idle) / k
    }'
  done
done
exit $status
