#!/usr/bin/env bash
# Sets up a fresh machine and builds everything: the system packages the project needs (Debian/Ubuntu, apt-get),
# the .NET solution, the native library laid out in artifacts/native, and the C example in build/examples.
# Safe to run again: installed packages are skipped and the builds are incremental.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# Tesseract and its English data for the local OCR server; GoogleTest, pytest and venv for the C++ and Python suites;
# QEMU for the emulated-CPU and linux-arm64 suites; clang and the aarch64 GNU toolchain to cross-compile linux-arm64;
# MinGW-w64 for the Windows compile checks; Poppler's GLib interface, which renders PDF pages (loaded at run time:
# images work without it); Pillow and the DejaVu fonts to draw the test documents; Dask's distributed for the cluster
# example and its test.
packages=(libtesseract5 tesseract-ocr-eng libgtest-dev python3-pytest python3-venv qemu-user
  clang gcc-aarch64-linux-gnu g++-aarch64-linux-gnu libc6-dev-arm64-cross gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64
  libpoppler-glib8 python3-pil python3-distributed fonts-dejavu-core)

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
  # Another apt-get or dpkg (unattended-upgrades, a second terminal) holds the package locks for minutes at a time:
  # wait for it, saying so, instead of failing at once with apt's exit 100. The locks are fcntl locks, which
  # /proc/locks lists by inode; DPkg::Lock::Timeout covers a lock taken between this check and apt-get's.
  lock_wait_seconds=600
  apt_lock_held() {
    local lock inode
    for lock in /var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock; do
      inode=$(stat -c %i "$lock" 2>/dev/null) || continue
      grep -q ":$inode " /proc/locks 2>/dev/null && return 0
    done
    return 1
  }
  if apt_lock_held; then
    echo "build.sh: another apt-get or dpkg is running; waiting up to $lock_wait_seconds s for it to finish"
    waited=0
    while apt_lock_held && ((waited < lock_wait_seconds)); do
      sleep 2
      waited=$((waited + 2))
    done
  fi
  apt=($sudo apt-get -o DPkg::Lock::Timeout=$lock_wait_seconds)
  "${apt[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
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
