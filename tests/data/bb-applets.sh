# bb-applets.sh - busybox applets over the files in etc/, through pipes.
# No host-only facts: uname prints only -s and -m, ls only etc/, no pwd.
echo "== ls"
ls -1 etc
echo "== cat | sort | uniq -c"
cat etc/fruits.txt | sort | uniq -c
echo "== sort -r | head -n 3"
sort -r etc/fruits.txt | head -n 3
echo "== grep"
grep -c apple etc/fruits.txt
grep -n '^b' etc/fruits.txt
grep -v a etc/fruits.txt | tr '\n' ' '; echo
echo "== sed"
sed -n '2,4p' etc/fruits.txt
sed 's/an/AN/g' etc/fruits.txt | grep AN
echo "== tr, wc"
tr 'a-z' 'A-Z' < etc/motd
wc -l < etc/fruits.txt
wc -c etc/motd
echo "== head, tail, cut"
head -c 9 etc/motd; echo
tail -n 2 etc/fruits.txt
echo "one,two,three" | cut -d, -f2
echo "== uname"
uname -s
uname -m
echo "== env"
env | sort | grep -v '^PWD='
echo "== type"
type ls cat echo
echo "== a loop over a pipeline"
for f in $(sort -u etc/fruits.txt); do
	printf '%s=%s ' "$f" "$(grep -c "^$f\$" etc/fruits.txt)"
done
echo
echo "== background job"
sleep 0 &
wait $!
echo "wait: status $?"
echo "done"
