# bb-shell.sh - busybox sh (ash) itself: variables, $(...), arithmetic,
# loops, case, functions, here-documents, pipes into builtins, exit codes.
# Run as `busybox sh etc/bb-shell.sh` from / (teachos) or from a directory
# holding the same etc/ (the Linux host): the output must be identical.
greet() {
	echo "hello, $1 ($# argument)"
}
greet world
n=0
for w in one two three; do
	n=$((n + 1))
	echo "for: $n $w"
done
i=3
while [ "$i" -gt 0 ]; do
	printf 'while: %d\n' "$i"
	i=$((i - 1))
done
for f in pear fig 7; do
	case $f in
	p*) echo "case: $f starts with p" ;;
	[0-9]) echo "case: $f is a digit" ;;
	*) echo "case: $f is something else" ;;
	esac
done
words=$(echo "a b c d" | wc -w)
echo "command substitution: $words words, nested: $(echo $(echo inner))"
echo "arithmetic: $(( (7 * 6) % 10 )) $(( 1 << 10 )) $(( 17 / 5 ))"
echo "x y z" | { read a b c; echo "read from a pipe: c=$c b=$b a=$a"; }
cat <<END
here-document: n=$n
END
false || echo "|| after false: status $?"
true && echo "&& after true"
(exit 3); echo "subshell exit: $?"
sh -c 'exit 5'; echo "sh -c exit: $?"
set -- p q r
echo "positional: $# $2 $*"
s="one:two:three"
echo "parameter expansion: ${s%%:*} ${s#*:} ${#s} ${unset_var:-default}"
echo "done"
