#!/bin/sh
# mkinitrd.sh OUT.cpio DIR... - pack the programs in DIR... as /bin/* into a
# cpio newc archive (the Linux initramfs format), with `cpio -H newc` itself.
set -e
out=$1; shift
root=$(mktemp -d)
mkdir -p "$root/bin" "$root/etc"
for dir in "$@"; do
	cp "$dir"/* "$root/bin/"
done
echo "This initrd was built by scripts/mkinitrd.sh." > "$root/etc/motd"
(cd "$root" && find . | LC_ALL=C sort | cpio --quiet -o -H newc --owner=0:0) > "$out.tmp"
mv "$out.tmp" "$out"
rm -rf "$root"
