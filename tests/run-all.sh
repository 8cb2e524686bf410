#!/usr/bin/env bash
# Runs every test suite of the project and ends with one line "N passed, N failed" totalling them all.
# It first checks that the generated copies of the ABI are the ones checked in, then runs ./build.sh (installs what
# is missing, regenerates, builds everything). Logs: build/test-logs/.
# Usage: tests/run-all.sh [--no-build]
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
logs=$root/build/test-logs
mkdir -p "$logs"

total_passed=0
total_failed=0

# suite NAME FORMAT COMMAND...: runs COMMAND, shows its output, and adds its counts. FORMAT says how the runner
# reports them (dotnet, ctest, pytest, plain). A suite that exits non-zero without reporting a failure counts as one
# failure, so a crash is never a silent pass.
suite() {
  local name=$1 format=$2 passed=0 failed=0 status
  shift 2
  echo
  echo "=== $name: $*"
  "$@" 2>&1 | tee "$logs/$name.log"
  status=${PIPESTATUS[0]}
  case $format in
    dotnet)
      passed=$(grep -oE 'Passed: +[0-9]+' "$logs/$name.log" | awk '{ n += $2 } END { print n + 0 }')
      failed=$(grep -oE 'Failed: +[0-9]+' "$logs/$name.log" | awk '{ n += $2 } END { print n + 0 }') ;;
    ctest)
      local line skipped
      line=$(grep -E 'tests passed, [0-9]+ tests failed out of [0-9]+' "$logs/$name.log" | tail -n 1)
      failed=$(sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\1/' <<<"$line")
      # CTest counts a skipped test (SKIP_RETURN_CODE) in its total: it passed nothing.
      skipped=$(grep -cE '^[[:space:]]*[0-9]+ - .* \(Skipped\)$' "$logs/$name.log" || true)
      passed=$(( $(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$line") - failed - skipped )) ;;
    pytest)
      local line
      line=$(grep -E '^=+ .*(passed|failed|error).* in [0-9.]+s' "$logs/$name.log" | tail -n 1)
      passed=$(grep -oE '[0-9]+ passed' <<<"$line" | grep -oE '[0-9]+' || true)
      failed=$(( $(grep -oE '[0-9]+ failed' <<<"$line" | grep -oE '[0-9]+' || echo 0) + $(grep -oE '[0-9]+ errors?' <<<"$line" | grep -oE '[0-9]+' || echo 0) )) ;;
    plain)
      local line
      line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$logs/$name.log" | tail -n 1)
      passed=$(cut -d' ' -f1 <<<"$line")
      failed=$(cut -d' ' -f3 <<<"$line") ;;
  esac
  passed=${passed:-0}
  failed=${failed:-0}
  if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    echo "=== $name: exited with status $status without reporting a failed test: counted as one failure"
    failed=1
  fi
  echo "=== $name: $passed passed, $failed failed"
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
}

# Before the build, which regenerates them: every generated copy of the ABI must be the one checked in.
suite abi-generated plain dotnet run --project tools/DeepSeekOcr.AbiGen -c Release --nologo -- -check

if [ "${1:-}" != "--no-build" ]; then
  ./build.sh || { echo "$total_passed passed, $((total_failed + 1)) failed"; exit 1; }
  # The library for linux-arm64 too (./build.sh builds only this machine's): its suite runs under QEMU at the end,
  # and the Python suite checks the aarch64 wheel.
  native/build.sh --rid linux-arm64 || { echo "$total_passed passed, $((total_failed + 1)) failed"; exit 1; }
fi

# cmake_build NAME SOURCE BUILD [ARGS...]: configures and builds a CMake tree. A failed build counts as one failure:
# its tests would otherwise run stale binaries, or none.
cmake_build() {
  local name=$1 source=$2 build=$3
  shift 3
  if ! { cmake -S "$source" -B "$build" "$@" >"$logs/$name-build.log" 2>&1 \
      && cmake --build "$build" >>"$logs/$name-build.log" 2>&1; }; then
    tail -n 30 "$logs/$name-build.log"
    echo "=== $name: the build failed (log: $logs/$name-build.log): counted as one failure"
    total_failed=$((total_failed + 1))
  fi
}

shopt -s nullglob
for project in tests/*/*.Tests.csproj; do
  suite "$(basename "$project" .csproj)" dotnet dotnet test "$project" -c Release --no-build --nologo
done

# A short fuzzing run in CI; a longer one: dotnet run --project tests/DeepSeekOcr.Fuzz -c Release -- --seconds 600
suite fuzz plain dotnet run --project tests/DeepSeekOcr.Fuzz -c Release --no-build -- --seconds 20

cmake_build c-abi tests/c build/tests-c -DCMAKE_PREFIX_PATH="$root/artifacts/native"
suite c-abi ctest ctest --test-dir build/tests-c --output-on-failure

cmake_build cpp bindings/cpp build/cpp -DCMAKE_PREFIX_PATH="$root/artifacts/native"
suite cpp ctest ctest --test-dir build/cpp --output-on-failure

# Debian's pytest (build.sh installs python3-pytest) runs on the system interpreter.
suite python pytest /usr/bin/python3 -m pytest bindings/python/tests -p no:cacheprovider
suite e2e pytest /usr/bin/python3 -m pytest tests/e2e -p no:cacheprovider
# The local server called with the official OpenAI Node SDK (installs its node_modules from the npm registry first).
suite node-sdk plain tests/node-sdk/run.sh

# A short smoke of every benchmark (they must build and run); the full suites are never run here.
suite bench-smoke plain bench/smoke.sh

# Windows, as far as this machine can go: the header, the C example and the C++ binding compiled and linked with
# MinGW-w64 against deepseek_ocr.dll's import library (nothing runs).
suite mingw-w64 plain tests/c/toolchains/mingw-w64-check.sh

# The managed projects built for the other systems' runtime identifiers. For osx-arm64 without Native AOT: its
# compiler packages (runtime.osx-arm64.Microsoft.DotNet.ILCompiler) are not in the package source this machine
# restores from; the macOS job of .github/workflows/platforms.yml builds and publishes it whole.
other_system_builds() {
  local passed=0 failed=0 rid
  local -a extra
  for rid in win-x64 osx-arm64; do
    extra=()
    [ "$rid" = osx-arm64 ] && extra=(-p:PublishAot=false)
    if dotnet build src/DeepSeekOcr.Native/DeepSeekOcr.Native.csproj -c Release -r "$rid" --nologo -v quiet \
        -clp:ErrorsOnly "${extra[@]}"; then
      echo "ok   dotnet build -r $rid"; passed=$((passed + 1))
    else
      echo "FAIL dotnet build -r $rid"; failed=$((failed + 1))
    fi
  done
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
suite managed-other-systems plain other_system_builds

# linux-arm64: the C ABI suite cross-built against the cross-compiled library (artifacts/native-linux-arm64, built
# above) and run under qemu-aarch64 (tests/c/toolchains/aarch64-linux-gnu.cmake);
# the few cases emulation cannot run are disabled there, and ctest lists them. About 2 minutes.
cmake_build c-abi-linux-arm64-qemu tests/c build/tests-c-arm64 \
  --toolchain "$root/tests/c/toolchains/aarch64-linux-gnu.cmake" -DCMAKE_PREFIX_PATH="$root/artifacts/native-linux-arm64"
suite c-abi-linux-arm64-qemu ctest ctest --test-dir build/tests-c-arm64 --output-on-failure

echo
echo "$total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
