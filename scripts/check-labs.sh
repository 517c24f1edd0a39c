#!/bin/sh
# check-labs.sh [LAB] - the graders are honest: for every lab with a
# reference solution (labs/solutions/NN-name.patch), in a scratch copy of
# this tree, `make grade` must FAIL as shipped and PASS once the solution
# is applied. Run by .ci/run after `make test`.
set -e
root=$(pwd)
failures=0 checked=0
for patch in labs/solutions/*.patch; do
	[ -e "$patch" ] || continue
	lab=$(basename "$patch" .patch)       # NN-name
	name=${lab#*-}
	[ -z "$1" ] || [ "$1" = "$name" ] || continue
	checked=$((checked + 1))
	scratch=$(mktemp -d)
	# The working tree as git sees it (tracked + new files), plus the
	# build directory so the scratch builds are incremental.
	git ls-files -co --exclude-standard | tar -cf - -T - | tar -xf - -C "$scratch"
	[ -d build ] && cp -a build "$scratch/"
	echo "== $name: stock tree (the grader must fail)"
	if (cd "$scratch" && make -s grade LAB="$name" > grade-stock.log 2>&1); then
		echo "FAIL check-labs:$name: the grader passes without the solution"
		cat "$scratch/grade-stock.log"
		failures=$((failures + 1))
	else
		grep '^Score' "$scratch/grade-stock.log" || tail -3 "$scratch/grade-stock.log"
	fi
	echo "== $name: with labs/solutions/$lab.patch (the grader must pass)"
	if ! (cd "$scratch" && patch -s -p1 < "$root/$patch"); then
		echo "FAIL check-labs:$name: the solution does not apply"
		failures=$((failures + 1))
	elif (cd "$scratch" && make -s grade LAB="$name" > grade-solved.log 2>&1); then
		grep '^Score' "$scratch/grade-solved.log"
	else
		echo "FAIL check-labs:$name: the grader fails with the solution"
		cat "$scratch/grade-solved.log"
		failures=$((failures + 1))
	fi
	rm -rf "$scratch"
done
echo "check-labs: $checked labs checked, $failures problems"
[ "$checked" -gt 0 ] && [ "$failures" -eq 0 ]
