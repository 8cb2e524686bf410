#!/usr/bin/env bash
# Stops the server started by start-server.sh (the pid in $DEEPSEEK_OCR_SERVER_STATE/server.pid, default
# <repo>/artifacts/server): SIGTERM, up to 10 s for a graceful shutdown, then SIGKILL. Not running is not an error.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
state="${DEEPSEEK_OCR_SERVER_STATE:-$(cd "$here/../.." && pwd)/artifacts/server}"
pid_file="$state/server.pid"

if [ ! -f "$pid_file" ]; then
    echo "stop-server.sh: no server running (no $pid_file)" >&2
    exit 0
fi

pid="$(cat "$pid_file")"
# Only a process that is still the server: a pid left over from a crash may belong to someone else by now.
if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q 'deepseek-ocr-server'; then
    kill -TERM "$pid"
    for _ in $(seq 1 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
        echo "stop-server.sh: pid $pid ignored SIGTERM for 10 s; killing it" >&2
        kill -KILL "$pid" 2>/dev/null || true
    fi
    echo "stop-server.sh: stopped pid $pid" >&2
else
    echo "stop-server.sh: pid $pid is not running (stale pid file removed)" >&2
fi
rm -f "$pid_file" "$state/server.url"
