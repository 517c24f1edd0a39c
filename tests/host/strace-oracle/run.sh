#!/bin/sh
# run.sh PROG.c [strace options] [-- program arguments] - build one oracle
# program (musl-gcc -static; gcc -static for *-glibc.c; go build for a
# directory) and run it under the host's strace (6.1 when the expected
# lines of tests/host/test_trace_format.c were taken): the lines to
# compare with. Not part of `make test`: the lines are copied into the tests.
#   ./run.sh signals.c
#   ./run.sh threads.c -f
#   ./run.sh killed.c -f -- k
set -e
dir=$(dirname "$0")
src=$1; shift
opts=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do opts="$opts $1"; shift; done
[ "$1" = "--" ] && shift
bin=${TMPDIR:-/tmp}/strace-oracle-$(basename "$src" .c)
case "$src" in
*-glibc.c) gcc -static -O1 -pthread -o "$bin" "$src" ;;
*.c) musl-gcc -static -O1 -I"$dir" -idirafter /usr/include -idirafter /usr/include/x86_64-linux-gnu \
	-o "$bin" "$src" ;;
*) (cd "$src" && CGO_ENABLED=0 go build -o "$bin" .) ;;
esac
# shellcheck disable=SC2086
strace $opts "$bin" "$@"
