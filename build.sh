#!/usr/bin/env bash
# Sets up a fresh machine and builds everything: the system packages the project needs (Debian/Ubuntu, apt-get),
# the .NET solution, the native library laid out in artifacts/native, and the C example in build/examples.
# Safe to run again: installed packages are skipped and the builds are incremental.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# Tesseract and its English data for the local OCR server; GoogleTest and pytest for the C++ and Python suites.
packages=(libtesseract5 tesseract-ocr-eng libgtest-dev python3-pytest)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "build.sh: installing ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "build.sh: run as root, or install: ${missing[*]}" >&2; exit 1; }
    sudo=sudo
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

for tool in dotnet cmake cc python3; do
  command -v "$tool" >/dev/null || { echo "build.sh: '$tool' is required but not on PATH" >&2; exit 1; }
done

echo "build.sh: generating the ABI's copies from native/include/deepseek_ocr.h"
dotnet run --project tools/DeepSeekOcr.AbiGen -c Release --nologo

echo "build.sh: building the .NET solution"
dotnet build DeepSeekOcr.Native.sln -c Release --nologo -v quiet -clp:ErrorsOnly

echo "build.sh: publishing the native library"
native/build.sh

echo "build.sh: building the C example"
cmake -S native/examples -B build/examples -DCMAKE_PREFIX_PATH="$PWD/artifacts/native" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/examples >/dev/null
echo "build.sh: done"
