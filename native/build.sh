#!/usr/bin/env bash
# Publishes libdeepseek_ocr with Native AOT and lays out a tree ready to install or link against:
#   PREFIX/lib/libdeepseek_ocr.so{,.1,.1.0.0}  PREFIX/include/deepseek_ocr.h (C), deepseek_ocr.hpp (C++)
#   PREFIX/lib/pkgconfig/deepseek_ocr.pc       PREFIX/lib/cmake/DeepSeekOcr/DeepSeekOcrConfig{,Version}.cmake
# Usage: native/build.sh [--rid RID] [PREFIX]
#   RID: the machine's own (linux-x64 or linux-arm64) by default; PREFIX: artifacts/native for the machine's own
#   RID, artifacts/native-RID for another. Another architecture is cross-compiled: linux-arm64 on an x86-64 Debian
#   or Ubuntu needs clang and the aarch64 GNU toolchain with its C library (apt-get install clang
#   gcc-aarch64-linux-gnu; build.sh installs them).
# Extra arguments for dotnet publish can be passed in DOTNET_PUBLISH_ARGS, e.g. -p:IlcInstructionSet=x86-64.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=$(sed -n 's/^#define OCR_VERSION "\(.*\)"$/\1/p' "$root/native/include/deepseek_ocr.h")
major=${version%%.*}

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) host_rid=linux-x64 ;;
  Linux-aarch64) host_rid=linux-arm64 ;;
  *) echo "native/build.sh: no runtime identifier known for $(uname -s) $(uname -m)" >&2; exit 1 ;;
esac

rid=$host_rid
if [ "${1:-}" = "--rid" ]; then
  rid=${2:?native/build.sh: --rid needs a runtime identifier: linux-x64 or linux-arm64}
  shift 2
fi

cross_args=()
case "$rid" in
  "$host_rid") default_prefix=$root/artifacts/native ;;
  linux-x64 | linux-arm64)
    default_prefix=$root/artifacts/native-$rid
    triple=$([ "$rid" = linux-arm64 ] && echo aarch64-linux-gnu || echo x86_64-linux-gnu)
    # clang links for the target (the AOT targets pass --target); the target's binutils strip and link (ld.bfd),
    # its C library and gcc's start files come from the cross toolchain.
    for tool in clang "$triple-gcc" "$triple-objcopy" "$triple-ld.bfd"; do
      command -v "$tool" >/dev/null || {
        echo "native/build.sh: cross-compiling for $rid needs '$tool': apt-get install clang gcc-$triple" >&2; exit 1; }
    done
    cross_args=("-p:ObjCopyName=$triple-objcopy") ;;
  *) echo "native/build.sh: unknown runtime identifier '$rid': linux-x64 or linux-arm64 (Native AOT builds for" \
       "Windows and macOS only on those systems: see Platforms in README.md)" >&2
     exit 1 ;;
esac

prefix=$(mkdir -p "${1:-$default_prefix}" && cd "${1:-$default_prefix}" && pwd)
publish="$root/artifacts/publish/$rid"
# shellcheck disable=SC2086 # DOTNET_PUBLISH_ARGS is a list of arguments
dotnet publish "$root/src/DeepSeekOcr.Native/DeepSeekOcr.Native.csproj" -c Release -r "$rid" -o "$publish" \
  --nologo -v quiet "${cross_args[@]}" ${DOTNET_PUBLISH_ARGS:-}

mkdir -p "$prefix/lib/pkgconfig" "$prefix/lib/cmake/DeepSeekOcr" "$prefix/include"
rm -f "$prefix"/lib/libdeepseek_ocr.so.*.*.* # an earlier version's file, which nothing links to any more
install -m 0755 "$publish/libdeepseek_ocr.so" "$prefix/lib/libdeepseek_ocr.so.$version"
ln -sf "libdeepseek_ocr.so.$version" "$prefix/lib/libdeepseek_ocr.so.$major"
ln -sf "libdeepseek_ocr.so.$major" "$prefix/lib/libdeepseek_ocr.so"
install -m 0644 "$root/native/include/deepseek_ocr.h" "$prefix/include/deepseek_ocr.h"
install -m 0644 "$root/bindings/cpp/include/deepseek_ocr.hpp" "$prefix/include/deepseek_ocr.hpp"
sed "s/@VERSION@/$version/" "$root/native/pkgconfig/deepseek_ocr.pc.in" > "$prefix/lib/pkgconfig/deepseek_ocr.pc"
install -m 0644 "$root/native/cmake/DeepSeekOcrConfig.cmake" "$prefix/lib/cmake/DeepSeekOcr/"
sed "s/@VERSION@/$version/" "$root/native/cmake/DeepSeekOcrConfigVersion.cmake.in" > "$prefix/lib/cmake/DeepSeekOcr/DeepSeekOcrConfigVersion.cmake"
echo "libdeepseek_ocr $version ($rid) -> $prefix"
