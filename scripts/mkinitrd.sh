#!/bin/sh
# mkinitrd.sh OUT.cpio DIR|FILE... [--etc DIR] - pack the programs in DIR...
# (and each FILE named) as /bin/* into a cpio newc archive (the Linux initramfs format), with
# `cpio -H newc` itself; the files of each --etc DIR go to /etc. Two files
# with the same name in /bin are an error (one would silently replace the
# other). Only directories and regular files: the kernel's initrd skips
# symlinks (kernel/fs/initrd.c).
set -e
out=$1; shift
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/bin" "$root/etc"
echo "This initrd was built by scripts/mkinitrd.sh." > "$root/etc/motd"
dest=bin
for arg in "$@"; do
	if [ "$arg" = --etc ]; then
		dest=etc; continue
	fi
	[ -d "$arg" ] && files="$arg/*" || files=$arg
	for file in $files; do
		[ -e "$file" ] || continue
		name=$(basename "$file")
		if [ -e "$root/$dest/$name" ]; then
			echo "mkinitrd: /$dest/$name twice (again in $arg)" >&2; exit 1
		fi
		cp "$file" "$root/$dest/$name"
	done
	dest=bin
done
(cd "$root" && find . | LC_ALL=C sort | cpio --quiet -o -H newc --owner=0:0) > "$out.tmp"
mv "$out.tmp" "$out"
