#!/usr/bin/env bash
# What deepseek_ocr.dll is made of and what a Windows program that uses it compiles and links, checked with MinGW-w64
# (Debian gcc-mingw-w64-x86-64, g++-mingw-w64-x86-64; build.sh installs them) and clang:
# - the library's C half (src/DeepSeekOcr.Native/Gate/*.c), each file compiled for Windows with MinGW-w64's gcc, and as
#   MSVC's dialect of C with clang in MSVC mode for x64 and ARM64 (what cl.exe and clang-cl see: _MSC_VER, no
#   __GNUC__). The MSVC CRT's headers are not on this machine: the two CRT headers the gate includes (stdio.h,
#   string.h) are stand-ins with the UCRT's declarations of what it calls, unless DSOCR_MSVC_CRT_INCLUDE names real
#   ones (directories, separated by ':'; Wine's msvcrt headers do). Then the objects are linked, with a stub of the
#   runtime's entry points (dsocr_managed_*), into a DLL that must export exactly the header's functions;
# - the C header as C99 and C++17, the C example, the C++ binding with its example, linked against an import library
#   made from the library's export list (Gate/deepseek_ocr.def).
# The library itself cannot be built here (Native AOT does not cross-compile to another OS). Nothing is run.
# Ends with "N passed, N failed".
# Usage: tests/c/toolchains/mingw-w64-check.sh [WORK_DIRECTORY]   (default: build/mingw-w64)
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
work=$(mkdir -p "${1:-$root/build/mingw-w64}" && cd "${1:-$root/build/mingw-w64}" && pwd)
cc=x86_64-w64-mingw32-gcc
cxx=x86_64-w64-mingw32-g++
include=(-I"$root/native/include" -I"$root/bindings/cpp/include")
gate=$root/src/DeepSeekOcr.Native/Gate
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

for tool in "$cc" "$cxx" x86_64-w64-mingw32-dlltool x86_64-w64-mingw32-nm x86_64-w64-mingw32-objdump clang; do
  if ! command -v "$tool" >/dev/null; then
    echo "mingw-w64-check: '$tool' not found: apt-get install gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 clang"
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

# The library's C half. OCR_STATIC, as the csproj compiles it for Windows: the header's functions are defined without
# __declspec(dllimport), and the export list (Gate/deepseek_ocr.def) exports them.
gate_flags=(-std=c11 -O2 -Wall -Wextra -Werror -DOCR_STATIC -I"$root/native/include")
mkdir -p "$work/gate-mingw" "$work/gate-msvc-x64" "$work/gate-msvc-arm64" "$work/msvc-crt" "$work/gate-dll"
for source in "$gate"/*.c; do
  name=$(basename "$source" .c)
  check "gate $name.c compiles for Windows x64 (MinGW-w64 gcc)" \
    "$cc" "${gate_flags[@]}" -c "$source" -o "$work/gate-mingw/$name.o"
done

# MSVC's dialect: the CRT's headers, real ones where given, else stand-ins that declare what the gate calls.
if [ -n "${DSOCR_MSVC_CRT_INCLUDE:-}" ]; then
  crt_label="CRT headers from \$DSOCR_MSVC_CRT_INCLUDE"
  crt_flags=()
  IFS=: read -r -a crt_directories <<<"$DSOCR_MSVC_CRT_INCLUDE"
  for directory in "${crt_directories[@]}"; do crt_flags+=(-isystem "$directory"); done
else
  crt_label="stand-in CRT headers"
  # Freestanding: clang's own stddef.h, stdint.h, stdarg.h and intrinsics headers, and no other C library's.
  crt_flags=(-ffreestanding -isystem "$work/msvc-crt")
  cat >"$work/msvc-crt/stdio.h" <<'EOF'
/* Stand-in for the MSVC CRT's <stdio.h>, which is not on this machine: what the gate calls, as the UCRT declares it. */
#pragma once
#include <stdarg.h>
#include <stddef.h>
int __cdecl snprintf(char *buffer, size_t count, const char *format, ...);
int __cdecl vsnprintf(char *buffer, size_t count, const char *format, va_list arguments);
EOF
  cat >"$work/msvc-crt/string.h" <<'EOF'
/* Stand-in for the MSVC CRT's <string.h>, which is not on this machine: what the gate calls, as the UCRT declares it. */
#pragma once
#include <stddef.h>
void *__cdecl memcpy(void *destination, const void *source, size_t count);
void *__cdecl memset(void *destination, int value, size_t count);
int __cdecl memcmp(const void *left, const void *right, size_t count);
size_t __cdecl strlen(const char *text);
char *__cdecl strchr(const char *text, int character);
char *__cdecl strrchr(const char *text, int character);
EOF
fi
for architecture in x64 arm64; do
  case $architecture in
    x64) triple=x86_64-pc-windows-msvc ;;
    arm64) triple=aarch64-pc-windows-msvc ;;
  esac
  for source in "$gate"/*.c; do
    name=$(basename "$source" .c)
    check "gate $name.c compiles as MSVC C for Windows $architecture (clang --target=$triple, $crt_label)" \
      clang --target="$triple" -fms-compatibility -fms-extensions "${crt_flags[@]}" "${gate_flags[@]}" \
      -c "$source" -o "$work/gate-msvc-$architecture/$name.obj"
  done
done

# The load-time functions (CPU check, fork hook, Base64 path choice) as MSVC's CRT runs them: a pointer in .CRT$XCU,
# kept by an /include directive, since MSVC has no constructor attribute.
runs_at_load_under_msvc() {
  local object=$1 function=$2
  x86_64-w64-mingw32-objdump -h "$object" | grep -q ' \.CRT\$XCU ' &&
    x86_64-w64-mingw32-objdump -r -j '.CRT$XCU' "$object" | grep -q " $function" &&
    x86_64-w64-mingw32-objdump -s -j .drectve "$object" | grep -q '/include'
}
check "under MSVC, gate.c runs dsocr_gate_load at load (.CRT\$XCU)" \
  runs_at_load_under_msvc "$work/gate-msvc-x64/gate.obj" dsocr_gate_load
check "under MSVC, base64.c runs dsocr_base64_select at load (.CRT\$XCU)" \
  runs_at_load_under_msvc "$work/gate-msvc-x64/base64.obj" dsocr_base64_select

# The gate linked into a DLL as the AOT link does it, with the runtime's entry points stubbed: every dsocr_managed_*
# function the gate declares, returning a failure.
{
  echo '#include <deepseek_ocr.h>'
  grep -h '^extern [^(]*dsocr_managed_' "$gate"/*.c | sed -E 's/^extern //; s/;$//' | while read -r prototype; do
    case $prototype in
      "void "*) echo "$prototype { }" ;;
      "ocr_status "*) echo "$prototype { return OCR_E_INTERNAL; }" ;;
      *) echo "$prototype { return 0; }" ;;
    esac
  done
} >"$work/managed_stub.c"
check "stub of the runtime's entry points compiles" "$cc" -std=c11 -Wall -Werror -I"$root/native/include" \
  -c "$work/managed_stub.c" -o "$work/managed_stub.o"
check "gate links into deepseek_ocr.dll with Gate/deepseek_ocr.def" \
  "$cc" -shared -static-libgcc -o "$work/gate-dll/deepseek_ocr.dll" "$work"/gate-mingw/*.o "$work/managed_stub.o" \
  "$gate/deepseek_ocr.def"

# Exactly the functions the header declares, read from the header itself: none missing, nothing else (dsocr_*).
exports_exactly_the_header() {
  local expected actual
  expected=$(grep -oE '^OCR_API [^;]*\(?ocr_[a-z0-9_]+\)?\(' "$root/native/include/deepseek_ocr.h" |
    grep -oE 'ocr_[a-z0-9_]+\)?\($' | tr -d '()' | sort -u)
  actual=$(x86_64-w64-mingw32-objdump -p "$1" |
    awk '/^\[Ordinal\/Name Pointer\] Table/ { table = 1; next } table && /^\t\[/ { print $NF; next } table { exit }' | sort)
  if [ -z "$expected" ] || [ "$expected" != "$actual" ]; then
    diff <(echo "$expected") <(echo "$actual")
    return 1
  fi
}
check "deepseek_ocr.dll exports exactly the header's functions (objdump -p)" \
  exports_exactly_the_header "$work/gate-dll/deepseek_ocr.dll"

# The import library of deepseek_ocr.dll, from the library's export list for Windows.
check "import library for deepseek_ocr.dll (Gate/deepseek_ocr.def)" \
  x86_64-w64-mingw32-dlltool -d "$gate/deepseek_ocr.def" -D deepseek_ocr.dll -l "$work/libdeepseek_ocr.dll.a"

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
