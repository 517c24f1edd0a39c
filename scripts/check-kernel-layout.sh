#!/bin/sh
# check-kernel-layout.sh PASS1.ELF FINAL.ELF
# Build-time checks of the kernel image that nothing else would catch:
#  1. the file is laid out like memory (Multiboot1's a.out kludge copies the
#     file bytes verbatim from load_addr): for every PT_LOAD,
#     p_offset - first p_offset == p_paddr - first p_paddr;
#  2. the Multiboot headers lie in the first 8 KiB of the file;
#  3. adding the symbol table in the second link moved no function.
set -e
pass1=$1 final=$2
${READELF:-readelf} -lW "$final" | awk '
	function hex(s,   i, v, c) {   # portable hex to number (mawk has no strtonum)
		v = 0; s = tolower(substr(s, 3))
		for (i = 1; i <= length(s); i++) { c = index("0123456789abcdef", substr(s, i, 1)) - 1; v = v * 16 + c }
		return v
	}
	$1 == "LOAD" {
		off = hex($2); pa = hex($4)
		if (n == 0) { off0 = off; pa0 = pa }
		if (off - off0 != pa - pa0) { printf "layout: segment at paddr %s has file offset %s (not like memory)\n", $4, $2; bad = 1 }
		if (n == 0 && off0 > 4096) { print "layout: multiboot headers not in the first 8 KiB"; bad = 1 }
		n++
	}
	END { exit bad }'
a=$(mktemp) b=$(mktemp)
${NM:-nm} -n "$pass1" | awk '$2 ~ /^[tT]$/ && $3 !~ /^ksyms/' > "$a"
${NM:-nm} -n "$final" | awk '$2 ~ /^[tT]$/ && $3 !~ /^ksyms/' > "$b"
if ! cmp -s "$a" "$b"; then
	echo "layout: function addresses changed between the two links"; diff "$a" "$b" | head; rm -f "$a" "$b"; exit 1
fi
rm -f "$a" "$b"
