#!/bin/sh
# check-vdso.sh VDSO.so - build-time checks of the vDSO image:
#  - no relocations at all (it is mapped at an address nobody patches);
#  - exactly the expected dynamic symbols, each with version LINUX_2.6;
#  - DT_HASH, DT_GNU_HASH, DT_VERSYM and DT_VERDEF present;
#  - one PT_LOAD and one PT_DYNAMIC.
set -e
so=$1
R=${READELF:-readelf}
fail() { echo "check-vdso: $*"; exit 1; }
$R -rW "$so" | grep -q "There are no relocations in this file" || fail "the vDSO has relocations"
expected="__vdso_clock_getres@@LINUX_2.6 __vdso_clock_gettime@@LINUX_2.6 __vdso_getcpu@@LINUX_2.6 __vdso_gettimeofday@@LINUX_2.6 __vdso_time@@LINUX_2.6 clock_getres@@LINUX_2.6 clock_gettime@@LINUX_2.6 getcpu@@LINUX_2.6 gettimeofday@@LINUX_2.6 time@@LINUX_2.6"
actual=$($R --dyn-syms -W "$so" | awk '$4 == "FUNC" { print $8 }' | sort | tr '\n' ' ' | sed 's/ $//')
[ "$actual" = "$expected" ] || fail "dynamic symbols are [$actual], expected [$expected]"
for tag in HASH GNU_HASH VERSYM VERDEF; do
	$R -dW "$so" | grep -q "($tag)" || fail "no DT_$tag"
done
[ "$($R -lW "$so" | grep -c ' LOAD ')" = 1 ] || fail "not exactly one PT_LOAD"
[ "$($R -lW "$so" | grep -c ' DYNAMIC ')" = 1 ] || fail "not exactly one PT_DYNAMIC"
