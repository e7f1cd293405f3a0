#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Applies ptwalk's fixes to copies of corpus files and checks what the
# issue asks of a mechanical fix:
#
#   fix-check.sh PTWALK ENGINE FILE...
#
# ENGINE is clang (each file compiled for i386 PAE, where both torn reads
# tear, in each era of the file) or cocci, which reads each era as the
# newest kernel of it (3.19, 6.9, 6.12: the corpus has no version of its
# own, and the safe readers exist from 5.11 and 6.2).  For each file and
# era, in a directory of its own:
#   1. ptwalk --fix prints a diff (and the findings, as JSON);
#   2. git apply takes the diff;
#   3. ptwalk on the patched copy reports no finding of a rule whose fix
#      was in the diff, nor any finding it did not report before;
#   4. the patched copy compiles on every target of targets.def in every
#      era of the file (compile-corpus.sh).
# One line per file and era: "NAME era ERA: fixed RULE,...: ok", or
# "no fix", or a FAIL line saying which step failed.  Exit 1 on a failure.

set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
include=$here/include
[ $# -ge 3 ] || { echo "usage: $0 PTWALK clang|cocci FILE..." >&2; exit 2; }
ptwalk=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
engine=$2
shift 2
rules=torn-read,unmap-balance,vm-bug-on-page
status=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() {
	echo "FAIL: $*"
	status=1
}

# The eras of a file, as compile-corpus.sh reads them.
eras() {
	local era

	era=$(sed -n '1,5s/.*ERA:[[:space:]]*\([0-9]\+\).*/\1/p' "$1" | head -n 1)
	echo "${era:-3 6}"
}

version() {
	case $1 in
	3) echo 3.19 ;;
	6) echo 6.9 ;;
	612) echo 6.12 ;;
	esac
}

# ptwalk on NAME in the current directory: exit 0 or 1 are answers.
run_ptwalk() {	# era args...
	local era=$1 rc

	shift
	if [ "$engine" = clang ]; then
		"$ptwalk" --engine=clang --rules=$rules "$@" -- \
			--target=i386-linux-gnu -DCONFIG_X86_PAE -DPTWALK_ERA="$era" \
			-nostdinc -ffreestanding -I"$include"
	else
		"$ptwalk" --engine=cocci --rules=$rules --kernel-version="$(version "$era")" "$@"
	fi
	rc=$?
	[ $rc -le 1 ]
}

# "LINE RULE" of each finding of a text report, sorted.
findings() {
	sed -n 's/^[^:]*:\([0-9]*\):[0-9]*: [a-z]*: .*\[ptwalk-\([a-z-]*\)\]$/\1 \2/p' "$1" | sort
}

files=()
for file in "$@"; do
	files+=("$(cd "$(dirname "$file")" && pwd)/$(basename "$file")")
done

for file in "${files[@]}"; do
	name=$(basename "$file")
	for era in $(eras "$file"); do
		dir=$work/$name.$era
		mkdir -p "$dir"
		cp "$file" "$dir/$name"
		cd "$dir" || exit 2
		if ! run_ptwalk "$era" --fix --json-output=before.json --text-output=before.txt \
			"$name" > fix.diff 2> fix.err; then
			fail "$name era $era: ptwalk --fix: $(head -n 1 fix.err)"
			continue
		fi
		if [ ! -s fix.diff ]; then
			echo "$name era $era: no fix"
			continue
		fi
		# "RULE n of m" per rule from ptwalk's summary of the fixes.
		sed -n 's/^ptwalk: --fix: .* files: //p' fix.err | tr ',' '\n' |
			sed 's/^ *//' > counts
		fixed=$(awk '$2 > 0 { printf "%s%s", sep, $1; sep = "," }' counts)
		if ! git apply --check fix.diff 2> apply.err || ! git apply fix.diff; then
			fail "$name era $era: git apply: $(head -n 1 apply.err)"
			continue
		fi
		if ! run_ptwalk "$era" "$name" > after.txt 2> after.err; then
			fail "$name era $era: ptwalk after the fix: $(head -n 1 after.err)"
			continue
		fi
		# Each rule keeps exactly the findings that had no fix: none of a
		# rule whose findings were all fixed.
		left=$(findings after.txt | cut -d' ' -f2 | sort | uniq -c |
			awk 'NR == FNR { want[$1] = $4 - $2; next } { got[$2] = $1 }
			     END { for (r in want) if ((got[r] + 0) != want[r])
				     printf "%s %d left, want %d; ", r, got[r], want[r] }' counts -)
		if [ -n "$left" ]; then
			fail "$name era $era: after the fix: $left"
			continue
		fi
		# No finding the fix brought: every rule's count at most as before.
		new=$(comm -13 <(findings before.txt | cut -d' ' -f2 | sort) \
			       <(findings after.txt | cut -d' ' -f2 | sort))
		if [ -n "$new" ]; then
			fail "$name era $era: new findings after the fix: $(echo $new)"
			continue
		fi
		if ! out=$("$here/compile-corpus.sh" "$dir/$name" 2>&1); then
			fail "$name era $era: the fixed copy does not compile: $(echo "$out" | head -n 3)"
			continue
		fi
		echo "$name era $era: fixed $fixed: ok"
	done
done
exit $status
