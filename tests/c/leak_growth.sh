# Sourced by multi_leak.sh and stress.sh, which each run an AddressSanitizer build twice under LeakSanitizer: a short
# run into "$short" and a full one into "$full". The library's runtime keeps a few one-time allocations for the life
# of the process, which LeakSanitizer lists at exit; what must hold is that the full run leaves no more behind than
# the short one, give or take 16 KiB of slack for per-thread runtime state.
export ASAN_OPTIONS=detect_leaks=1:exitcode=0:abort_on_error=0
export LSAN_OPTIONS=exitcode=0

script=${0##*/}
short=$(mktemp) full=$(mktemp)
trap 'rm -f "$short" "$full"' EXIT

# The bytes LeakSanitizer's summary in file $1 says were leaked; empty when it found none.
leaked() { sed -nE 's/.*SUMMARY: AddressSanitizer: ([0-9]+) byte\(s\) leaked.*/\1/p' "$1" | tail -n 1; }

# Fails the script when either run reported a memory error.
fail_on_memory_errors() {
  grep -E 'ERROR: AddressSanitizer|runtime error:' "$short" "$full" && { echo "$script: memory errors reported"; exit 1; }
}

# report_leaks SHORT_RUN FULL_RUN: prints what each run left at exit, the runs described as "after ..." phrases.
report_leaks() {
  short_leak=$(leaked "$short")
  full_leak=$(leaked "$full")
  echo "left at exit: ${short_leak:-0} bytes $1, ${full_leak:-0} bytes $2"
}

# fail_on_leak_growth WHAT_GREW: fails the script, saying "memory left behind grows with WHAT_GREW", when the full run
# left more than 16 KiB more than the short one.
fail_on_leak_growth() {
  if (( ${full_leak:-0} - ${short_leak:-0} > 16384 )); then
    echo "$script: memory left behind grows with $1"
    exit 1
  fi
}
