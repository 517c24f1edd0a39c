#!/bin/sh
# deps.sh build|run|test|fuzz-host|bench-linux - make sure the tools for a workflow are installed.
# Missing Debian/Ubuntu packages are installed with apt-get (through sudo
# when not root); where that is impossible, the exact command is printed.
need=""
check() {   # check COMMAND-OR-FILE PACKAGE
	case "$1" in
	/*) [ -e "$1" ] || need="$need $2" ;;
	*) command -v "$1" >/dev/null 2>&1 || need="$need $2" ;;
	esac
}
# The host fuzzers (tests/fuzz/): clang, and libFuzzer with the sanitizers'
# runtimes (libclang-rt-dev, which is the default clang's libclang-rt-N-dev).
fuzzer_deps() {
	check clang clang
	if ! command -v clang >/dev/null 2>&1 ||
	   [ ! -e "$(clang -print-file-name=libclang_rt.fuzzer-x86_64.a)" ]; then
		need="$need libclang-rt-dev"
	fi
}
check gcc gcc
check make make
check ld binutils
check cpio cpio
check grub-mkrescue grub-common
check /usr/lib/grub/i386-pc/multiboot2.mod grub-pc-bin
check xorriso xorriso
check mformat mtools
check musl-gcc musl-tools
# Real programs nobody here wrote: Go's runtime (static, CGO_ENABLED=0) and
# Debian's static busybox run unmodified in the test initrd.
check go golang-go
check /bin/busybox busybox-static
case "$1" in
run|test|bench-linux)
	check qemu-system-x86_64 qemu-system-x86 ;;
esac
case "$1" in
bench-linux)
	# scripts/bench_linux.py: apt-get download + dpkg-deb for Debian's kernel.
	check python3 python3
	check apt-get apt
	check dpkg-deb dpkg
	check tar tar ;;
esac
case "$1" in
test)
	check python3 python3
	check strace strace        # the oracle: real strace on the host (strace_compare, host_strace)
	check /usr/include/cmocka.h libcmocka-dev
	# The oracle for the list of system calls (tests/host/test_syscall_table.c).
	check /usr/include/x86_64-linux-gnu/asm/unistd_64.h linux-libc-dev
	check gdb gdb
	fuzzer_deps ;;
fuzz-host)
	fuzzer_deps ;;
esac
[ -z "$need" ] && exit 0
echo "deps: missing packages:$need"
if [ "$(id -u)" = 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1; then
	SUDO="sudo"
else
	echo "deps: please run as root: apt-get update && apt-get install -y$need"; exit 1
fi
if command -v apt-get >/dev/null 2>&1; then
	echo "deps: running: $SUDO apt-get install -y$need"
	$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $need
else
	echo "deps: no apt-get here; install the equivalent of:$need"; exit 1
fi
