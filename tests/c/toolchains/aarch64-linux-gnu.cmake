# Cross-compiles for linux-arm64 with Debian's GNU toolchain (gcc-aarch64-linux-gnu, g++-aarch64-linux-gnu) and
# runs what it builds under user-mode QEMU (qemu-user), so that ctest runs every test as on an ARM machine:
#   native/build.sh --rid linux-arm64
#   cmake -S tests/c -B build/tests-c-arm64 --toolchain $PWD/tests/c/toolchains/aarch64-linux-gnu.cmake \
#         -DCMAKE_PREFIX_PATH=$PWD/artifacts/native-linux-arm64
#   cmake --build build/tests-c-arm64 && ctest --test-dir build/tests-c-arm64
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)

# Debian's aarch64 C library and headers (libc6-dev-arm64-cross): where libraries are looked for, and where QEMU
# finds the dynamic loader and libc the test programs need.
set(AARCH64_LINUX_GNU_ROOT /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH ${AARCH64_LINUX_GNU_ROOT})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
# The library's CMake package is found where CMAKE_PREFIX_PATH says (artifacts/native-linux-arm64), outside the root.
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)

find_program(QEMU_AARCH64 qemu-aarch64)
if(NOT QEMU_AARCH64)
  message(FATAL_ERROR "qemu-aarch64 not found: install qemu-user (build.sh does)")
endif()
set(CMAKE_CROSSCOMPILING_EMULATOR ${QEMU_AARCH64} -L ${AARCH64_LINUX_GNU_ROOT})
