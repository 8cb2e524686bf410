#!/usr/bin/env bash
# What a Windows program that uses deepseek_ocr.dll compiles and links, checked with MinGW-w64 (Debian
# gcc-mingw-w64-x86-64, g++-mingw-w64-x86-64; build.sh installs them): the C header as C99 and C++17, the C example,
# the C++ binding with its example. The library itself cannot be built here (Native AOT does not cross-compile to
# another OS), so the programs link against an import library made from the header's exports (Gate/*.map): what
# deepseek_ocr.dll must export. Nothing is run. Ends with "N passed, N failed".
# Usage: tests/c/toolchains/mingw-w64-check.sh [WORK_DIRECTORY]   (default: build/mingw-w64)
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
work=$(mkdir -p "${1:-$root/build/mingw-w64}" && cd "${1:-$root/build/mingw-w64}" && pwd)
cc=x86_64-w64-mingw32-gcc
cxx=x86_64-w64-mingw32-g++
include=(-I"$root/native/include" -I"$root/bindings/cpp/include")
passed=0
failed=0

check() {
  local name=$1
  shift
  if output=$("$@" 2>&1); then
    echo "ok   $name"
    passed=$((passed + 1))
  else
    echo "FAIL $name"
    echo "$output" | sed 's/^/     /'
    failed=$((failed + 1))
  fi
}

for tool in "$cc" "$cxx" x86_64-w64-mingw32-dlltool x86_64-w64-mingw32-nm x86_64-w64-mingw32-objdump; do
  if ! command -v "$tool" >/dev/null; then
    echo "mingw-w64-check: '$tool' not found: apt-get install gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64"
    echo "0 passed, 1 failed"
    exit 1
  fi
done

# A call of every function, as a Windows program makes it (compiled, never run).
cat >"$work/every_function.c" <<'EOF'
#include <deepseek_ocr.h>
#include <stddef.h>
static int on_delta(const char *text, size_t length, void *user) { (void)text; (void)length; (void)user; return 0; }
int call_every_function(const char *path);
int call_every_function(const char *path) {
    ocr_client_options options;
    ocr_request request;
    ocr_client *client = NULL;
    ocr_result *result = NULL;
    ocr_cancel_token *token = NULL;
    ocr_error_details details;
    ocr_client_options_init_size(&options, sizeof options);
    ocr_request_init_size(&request, sizeof request);
    (ocr_client_options_init)(&options);
    (ocr_request_init)(&request);
    request.image_path = path;
    if (ocr_cancel_token_new(&token) != OCR_OK || ocr_client_new(&options, &client) != OCR_OK) return 1;
    ocr_cancel_token_cancel(token);
    (void)ocr_image(client, &request, &result);
    ocr_result_free(result);
    (void)ocr_stream(client, &request, on_delta, NULL, &result);
    ocr_result_free(result);
    (void)ocr_last_error_details_size(&details, sizeof details);
    ocr_cancel_token_free(token);
    ocr_client_free(client);
    return ocr_last_error() == NULL || ocr_status_string(OCR_OK) == NULL || ocr_version() == NULL;
}
EOF
strict=(-Wall -Wextra -Werror -pedantic)
check "header compiles as C99 for Windows" "$cc" -std=c99 "${strict[@]}" "${include[@]}" \
  -c "$work/every_function.c" -o "$work/every_function.o"
check "header compiles as C++17 for Windows" "$cxx" -std=c++17 "${strict[@]}" "${include[@]}" \
  -x c++ -fsyntax-only "$root/native/include/deepseek_ocr.h"

# __declspec(dllimport): every function is reached through the import table (__imp_ocr_*), none directly...
imports_only() {
  local symbols
  symbols=$(x86_64-w64-mingw32-nm "$1" | awk '$1 == "U" { print $2 }') || return 1
  [ "$(grep -c '^__imp_ocr_' <<<"$symbols")" -eq 16 ] && ! grep -q '^ocr_' <<<"$symbols"
}
check "functions are declared __declspec(dllimport) (16 __imp_ocr_* references)" imports_only "$work/every_function.o"
# ...and with OCR_STATIC, for a static link, directly.
check "OCR_STATIC declares them without dllimport" bash -c "
  '$cc' -std=c99 -Wall -Wextra -Werror -pedantic -DOCR_STATIC ${include[*]} \
    -c '$work/every_function.c' -o '$work/static.o' &&
  [ \"\$(x86_64-w64-mingw32-nm '$work/static.o' | grep -c ' U ocr_')\" -eq 16 ] &&
  ! x86_64-w64-mingw32-nm '$work/static.o' | grep -q __imp_"

# The import library of deepseek_ocr.dll, from the exports the library has on Linux.
{
  echo "LIBRARY deepseek_ocr.dll"
  echo "EXPORTS"
  sed -nE 's/^[[:space:]]*(ocr_[a-z0-9_]+);$/    \1/p' "$root/src/DeepSeekOcr.Native/Gate/libdeepseek_ocr.map"
} >"$work/deepseek_ocr.def"
check "import library for deepseek_ocr.dll" \
  x86_64-w64-mingw32-dlltool -d "$work/deepseek_ocr.def" -l "$work/libdeepseek_ocr.dll.a"

links_to_the_dll() { x86_64-w64-mingw32-objdump -p "$1" | grep "DLL Name: deepseek_ocr.dll" >/dev/null; }
check "C example compiles and links (C99)" "$cc" -std=c99 -Wall -Wextra -Werror "${include[@]}" \
  "$root/native/examples/ocr_example.c" -L"$work" -ldeepseek_ocr.dll -o "$work/ocr_example.exe"
check "C example imports from deepseek_ocr.dll" links_to_the_dll "$work/ocr_example.exe"
check "C++ binding compiles alone (C++17)" "$cxx" -std=c++17 "${strict[@]}" "${include[@]}" -fsyntax-only \
  "$root/bindings/cpp/tests/header_only_check.cpp"
check "C++ example compiles and links (C++17)" "$cxx" -std=c++17 "${strict[@]}" "${include[@]}" \
  "$root/bindings/cpp/examples/ocr_example.cpp" -L"$work" -ldeepseek_ocr.dll -static-libgcc -static-libstdc++ \
  -o "$work/ocr_example_cpp.exe"
check "C++ example imports from deepseek_ocr.dll" links_to_the_dll "$work/ocr_example_cpp.exe"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
