#!/bin/sh
# run.sh PROG.c [strace options] - build one oracle program with musl-gcc
# -static and run it under the host's strace (6.1 when the expected lines
# of tests/host/test_trace_format.c were taken): the lines to compare with.
# Not part of `make test`: the expected lines are copied into the tests.
set -e
dir=$(dirname "$0")
src=$1; shift
bin=${TMPDIR:-/tmp}/strace-oracle-$(basename "$src" .c)
case "$src" in
*-glibc.c) gcc -static -O1 -pthread -o "$bin" "$src" ;;
*) musl-gcc -static -O1 -I"$dir" -idirafter /usr/include -idirafter /usr/include/x86_64-linux-gnu \
	-o "$bin" "$src" ;;
esac
strace "$@" "$bin"
