#!/usr/bin/env bash
# HTTP/2 against HTTP/1.1 over TLS with many requests in flight ("HTTP/2 against HTTP/1.1 over TLS" in
# bench/README.md): one Kestrel server offering h2 on one endpoint and only http/1.1 on another, the library's own
# client against each.
# Usage: bench/http2/run.sh [requests (2000)] [in flight (64)]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A certificate for 127.0.0.1 made for this run. It is the only root the client process trusts (SSL_CERT_FILE).
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=127.0.0.1 \
  -addext subjectAltName=IP:127.0.0.1 -addext extendedKeyUsage=serverAuth \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null

dotnet build "$root/bench/http2/Http2Bench.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly
uptime
SSL_CERT_FILE=$work/cert.pem SSL_CERT_DIR=$work dotnet run -c Release --no-build --project "$root/bench/http2/Http2Bench.csproj" -- \
  "$work/cert.pem" "$work/key.pem" "$@"
