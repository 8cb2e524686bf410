#!/usr/bin/env bash
# Starts the local DeepSeek-OCR-compatible server in the background on a free loopback port, waits until it
# answers GET /health, and prints its URL as one line on stdout:
#     DEEPSEEK_OCR_SERVER_URL=http://127.0.0.1:PORT
# Stop it with stop-server.sh. Builds the server first if it is missing or older than its sources.
#
# Usage: start-server.sh [server options...]      (see: start-server.sh --help-server)
# Environment:
#   DEEPSEEK_OCR_SERVER_STATE    directory for server.pid, server.url, server.log (default: <repo>/artifacts/server)
#   DEEPSEEK_OCR_SERVER_EXE      run this binary (e.g. the Native AOT one) instead of building and running the dll
#   DEEPSEEK_OCR_SERVER_TIMEOUT  seconds to wait for the server to become healthy (default 60)
#   DEEPSEEK_OCR_SERVER_API_KEY  the API key the server requires (kept out of the process list)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
state="${DEEPSEEK_OCR_SERVER_STATE:-$repo/artifacts/server}"
timeout="${DEEPSEEK_OCR_SERVER_TIMEOUT:-60}"
fail() { echo "start-server.sh: $*" >&2; exit 1; }

if [ "${1:-}" = "--help-server" ]; then
    shift
    set -- --help
fi

# grep reads the whole list (no -q): under pipefail, a grep that quits at its first match would make ldconfig die of
# SIGPIPE on a long list, and the library would look missing.
if ! ldconfig -p 2>/dev/null | grep 'libtesseract\.so\.5 ' >/dev/null; then
    fail "libtesseract.so.5 is not installed; run $repo/build.sh (it installs libtesseract5 and tesseract-ocr-eng)"
fi

# The command that runs the server: a given binary, or the dll built here (rebuilt when a source is newer).
if [ -n "${DEEPSEEK_OCR_SERVER_EXE:-}" ]; then
    [ -x "$DEEPSEEK_OCR_SERVER_EXE" ] || fail "DEEPSEEK_OCR_SERVER_EXE=$DEEPSEEK_OCR_SERVER_EXE is not an executable file"
    server=("$DEEPSEEK_OCR_SERVER_EXE")
else
    command -v dotnet >/dev/null || fail "dotnet not found on PATH"
    dll="$here/bin/Release/net10.0/deepseek-ocr-server.dll"
    if [ ! -f "$dll" ] || [ -n "$(find "$here" "$repo/src/DeepSeekOcr.Protocol" \( -name '*.cs' -o -name '*.csproj' \) \
            -not -path '*/obj/*' -not -path '*/bin/*' -newer "$dll" -print -quit)" ]; then
        echo "start-server.sh: building the server..." >&2
        dotnet build "$here/DeepSeekOcr.Server.csproj" -c Release --nologo -v quiet >&2 || fail "the build failed"
    fi
    server=(dotnet "$dll")
fi

if [ "${1:-}" = "--help" ]; then
    exec "${server[@]}" --help
fi

mkdir -p "$state"
pid_file="$state/server.pid"
if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    fail "a server is already running (pid $(cat "$pid_file"), $(cat "$state/server.url" 2>/dev/null)); stop it with $here/stop-server.sh"
fi
rm -f "$pid_file" "$state/server.url"

# A free port unless the caller chose where to listen.
args=("$@")
case " $* " in
    *" --port "* | *" --urls "*) ;;
    *) args=(--port 0 "${args[@]}") ;;
esac

nohup "${server[@]}" "${args[@]}" > "$state/server.stdout" 2> "$state/server.log" < /dev/null &
pid=$!
echo "$pid" > "$pid_file"

deadline=$((SECONDS + timeout))
url=""
while [ -z "$url" ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
        rm -f "$pid_file"
        echo "start-server.sh: the server exited during startup; its log ($state/server.log) ends with:" >&2
        tail -n 20 "$state/server.log" >&2
        exit 1
    fi
    [ "$SECONDS" -lt "$deadline" ] || { kill "$pid" 2>/dev/null; rm -f "$pid_file"; fail "no URL announced within ${timeout} s; see $state/server.log"; }
    url="$(sed -n 's/^DEEPSEEK_OCR_SERVER_URL=//p' "$state/server.stdout" | head -n 1)"
    [ -n "$url" ] || sleep 0.2
done

healthy() {
    if command -v curl >/dev/null; then
        curl -fsS --max-time 2 "$url/health" >/dev/null 2>&1
    else
        python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + "/health", timeout=2)' "$url" 2>/dev/null
    fi
}
until healthy; do
    [ "$SECONDS" -lt "$deadline" ] || { kill "$pid" 2>/dev/null; rm -f "$pid_file"; fail "$url/health did not answer within ${timeout} s; see $state/server.log"; }
    sleep 0.2
done

echo "$url" > "$state/server.url"
echo "DEEPSEEK_OCR_SERVER_URL=$url"
