#!/usr/bin/env bash
# Publishes the Base64 probe with Native AOT at the default instruction set and at each level given (default:
# x86-64-v2 x86-64-v3), and runs each. Each build measures .NET's Base64 and the library's C encoder (Gate/base64.c,
# which picks its instructions at run time, so it runs alike in every build); the shipped library is the x86-64-v2
# build with that encoder. Publishing writes bench/Base64Aot/obj: in the shared tree run it under the build lock,
#   flock -o /tmp/dsocr-build.lock bench/Base64Aot/run.sh
# Usage: bench/Base64Aot/run.sh [LEVEL...]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[ $# -gt 0 ] || set -- x86-64-v2 x86-64-v3
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet publish "$here/Base64Aot.csproj" -c Release -r linux-x64 -o "$out/default" --nologo -v quiet
echo "AOT default instruction set:"
"$out/default/Base64Aot"
for level in "$@"; do
  dotnet publish "$here/Base64Aot.csproj" -c Release -r linux-x64 -o "$out/$level" --nologo -v quiet -p:IlcInstructionSet="$level"
  echo "AOT IlcInstructionSet=$level:"
  "$out/$level/Base64Aot"
done
