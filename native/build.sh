#!/usr/bin/env bash
# Publishes libdeepseek_ocr with Native AOT and lays out a tree ready to install or link against:
#   PREFIX/lib/libdeepseek_ocr.so{,.1,.1.0.0}  PREFIX/include/deepseek_ocr.h (C), deepseek_ocr.hpp (C++)
#   PREFIX/lib/pkgconfig/deepseek_ocr.pc       PREFIX/lib/cmake/DeepSeekOcr/DeepSeekOcrConfig{,Version}.cmake
# Usage: native/build.sh [PREFIX]   (default: artifacts/native in the repository)
# Extra arguments for dotnet publish can be passed in DOTNET_PUBLISH_ARGS, e.g. -p:IlcInstructionSet=x86-64.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
prefix=$(mkdir -p "${1:-$root/artifacts/native}" && cd "${1:-$root/artifacts/native}" && pwd)
version=$(sed -n 's/^#define OCR_VERSION "\(.*\)"$/\1/p' "$root/native/include/deepseek_ocr.h")
major=${version%%.*}

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) rid=linux-x64 ;;
  Linux-aarch64) rid=linux-arm64 ;;
  *) echo "native/build.sh: no runtime identifier known for $(uname -s) $(uname -m)" >&2; exit 1 ;;
esac

publish="$root/artifacts/publish/$rid"
# shellcheck disable=SC2086 # DOTNET_PUBLISH_ARGS is a list of arguments
dotnet publish "$root/src/DeepSeekOcr.Native/DeepSeekOcr.Native.csproj" -c Release -r "$rid" -o "$publish" \
  --nologo -v quiet ${DOTNET_PUBLISH_ARGS:-}

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
echo "libdeepseek_ocr $version -> $prefix"
