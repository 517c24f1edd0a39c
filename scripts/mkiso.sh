#!/bin/sh
# mkiso.sh OUT.iso KERNEL.ELF INITRD.cpio "COMMAND LINE"
# Make a bootable CD image: GRUB (BIOS) + kernel + initrd + grub.cfg.
set -e
out=$1 kernel=$2 initrd=$3 cmdline=$4
dir=$(mktemp -d)
mkdir -p "$dir/boot/grub"
cp "$kernel" "$dir/boot/kernel.elf"
cp "$initrd" "$dir/boot/initrd.cpio"
# Escape characters special to sed's replacement (&, |, \).
esc=$(printf '%s' "$cmdline" | sed 's/[&|\\]/\\&/g')
sed "s|@CMDLINE@|$esc|g" "$(dirname "$0")/../boot/grub.cfg.in" > "$dir/boot/grub/grub.cfg"
# Only the BIOS platform: keeps the image small and the build quick.
grub-mkrescue -d /usr/lib/grub/i386-pc -o "$out.tmp" "$dir" >/dev/null 2>&1 || {
	echo "mkiso: grub-mkrescue failed; rerun: grub-mkrescue -d /usr/lib/grub/i386-pc -o $out $dir"; exit 1; }
mv "$out.tmp" "$out"
rm -rf "$dir"
