#!/bin/sh
# Runs the native-shim tests and prints the closing summary line
#   native-shim: N passed, N failed, N skipped
# Each test program prints PASS/FAIL/SKIP lines, which are counted; a program that
# dies or fails without saying which case failed counts as one failure.
#
# usage: run-tests.sh --lib LIBSHIMWATCH --tests DIR --work DIR [--all]
#   --all   also the clang-format check and the aria2c swarm (make test; the
#           sanitized run is the C tests only)
# Exit status: 0 when nothing failed, 1 otherwise.
set -u

lib= tests= work= all=0
while [ $# -gt 0 ]; do
  case "$1" in
    --lib) lib=$2; shift 2 ;;
    --tests) tests=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --all) all=1; shift ;;
    *) echo "run-tests.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
here=$(cd "$(dirname "$0")" && pwd)
module=$(cd "$here/../../.." && pwd)

rm -rf "$work"
mkdir -p "$work"
passed=0 failed=0 skipped=0

# count NAME FILE RC: tallies the result lines of one program's output.
count() {
  p=$(grep -c '^PASS ' "$2")
  f=$(grep -c '^FAIL ' "$2")
  s=$(grep -c '^SKIP ' "$2")
  cat "$2"
  if [ "$3" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "FAIL $1: exited with status $3"
    f=1
  fi
  if [ "$f" -gt 0 ] && [ -s "$2.err" ]; then
    sed 's/^/  | /' "$2.err"
  fi
  passed=$((passed + p))
  failed=$((failed + f))
  skipped=$((skipped + s))
}

for t in test_histogram test_json test_selftest_unit test_api test_passthrough test_threads \
  test_process test_selftest; do
  mkdir -p "$work/$t/spool"
  SHIMWATCH_SPOOL="$work/$t/spool" SHIMWATCH_TEST_LIB="$lib" SHIMWATCH_TEST_DIR="$tests" \
    SHIMWATCH_TEST_WORK="$work/$t" "$tests/$t" > "$work/$t.out" 2> "$work/$t.out.err"
  count "$t" "$work/$t.out" $?
done

if [ "$all" -eq 1 ]; then
  out="$work/format.out"
  if command -v clang-format > /dev/null 2>&1; then
    if make -s -C "$module" format-check > "$out.err" 2>&1; then
      echo "PASS format_check" > "$out"
    else
      echo "FAIL format_check: run 'make -C native-shim format'" > "$out"
    fi
  elif [ "${CI:-}" = true ]; then
    echo "FAIL format_check: CI=true and clang-format is missing (Debian: clang-format)" > "$out"
  else
    echo "SKIP format_check: clang-format is not installed (Debian: clang-format)" > "$out"
  fi
  count format_check "$out" 0

  for mode in select poll epoll; do
    out="$work/swarm_$mode.out"
    sh "$here/swarm.sh" --lib "$lib" --mode "$mode" --work "$work/swarm_$mode" \
      > "$out" 2> "$out.err"
    count "swarm_$mode" "$out" $?
  done
fi

if [ "$skipped" -gt 0 ]; then
  echo "native-shim: $passed passed, $failed failed, $skipped skipped"
else
  echo "native-shim: $passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
