#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Compiles corpus files against the kernel-API shim for every target of
# targets.def and every era the file belongs to.
#
#   compile-corpus.sh FILE...                   clang -fsyntax-only -Wall -Wextra -Werror
#   compile-corpus.sh --sparse FILE...          sparse -Wcontext; any output fails
#   compile-corpus.sh --checkpatch KDIR FILE... KDIR/scripts/checkpatch.pl --no-tree -f;
#                                               any error or warning fails unless the
#                                               CHECKPATCH file next to FILE accepts it
#   compile-corpus.sh --sizes                   prints sizeof(pte_t), sizeof(pmd_t) and
#                                               sizeof(long) per target and checks the
#                                               tear flags of targets.def against the shim
#
# A file's era comes from "ERA: 3", "ERA: 6" or "ERA: 612" in its leading
# comments (the comments before the first line of code); without one it is
# compiled in eras 3 and 6 (the API every kernel up to 6.9 shares names
# with; 612 changed the roles of names, so its files say so).  One line is printed per failure, naming file, target and era;
# the exit status is 1 if anything failed, 0 otherwise.

set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
targets_def=$here/targets.def
include=$here/include
clang=${CLANG:-$(command -v clang || command -v clang-14)}
sparse=${SPARSE:-sparse}

die() {
	echo "compile-corpus.sh: $*" >&2
	exit 2
}

[ -r "$targets_def" ] || die "cannot read $targets_def"
[ -d "$include" ] || die "no shim headers in $include"
[ -n "$clang" ] || die "clang not found (install clang or set CLANG)"

# One line per target: name|triple|extra flags|pte_tears|pmd_tears
targets() {
	sed -n 's/^PTWALK_TARGET(\(.*\))[[:space:]]*$/\1/p' "$targets_def" |
	sed 's/^[[:space:]]*"\([^"]*\)"[[:space:]]*,[[:space:]]*"\([^"]*\)"[[:space:]]*,[[:space:]]*"\([^"]*\)"[[:space:]]*,[[:space:]]*\([01]\)[[:space:]]*,[[:space:]]*\([01]\)[[:space:]]*$/\1|\2|\3|\4|\5/'
}

check_targets() {
	local line n=0

	while IFS= read -r line; do
		case $line in
		*'|'*'|'*'|'*'|'*) n=$((n + 1)) ;;
		*) die "cannot parse targets.def entry: $line" ;;
		esac
	done < <(targets)
	[ "$n" -gt 0 ] || die "no PTWALK_TARGET entries in $targets_def"
}

# The eras a file is compiled in: from "ERA: n" in its leading comments.
eras() {
	local era

	era=$(awk '
		/^[[:space:]]*$/ { next }
		incomment { print; if ($0 ~ /\*\//) incomment = 0; next }
		/^[[:space:]]*\/\// { print; next }
		/^[[:space:]]*\/\*/ { print; if ($0 !~ /\*\//) incomment = 1; next }
		{ exit }
	' "$1" | sed -n 's/.*ERA:[[:space:]]*\([0-9]\+\).*/\1/p' | head -n 1)
	case $era in
	3 | 6 | 612) echo "$era" ;;
	"") echo "3 6" ;;
	*) echo "bad" ;;
	esac
}

# sparse's --arch for a clang triple
sparse_arch() {
	case $1 in
	x86_64-*) echo x86_64 ;;
	i?86-*) echo i386 ;;
	mips*) echo mips ;;
	arm*) echo arm ;;
	aarch64-*) echo arm64 ;;
	*) return 1 ;;
	esac
}

status=0

fail() {
	echo "FAIL: $*"
	status=1
}

compile_one() {	# mode file
	local mode=$1 file=$2 era name triple extra pte pmd out arch rc

	for era in $(eras "$file"); do
		if [ "$era" = bad ]; then
			fail "$file: ERA must be 3, 6 or 612"
			return
		fi
		while IFS='|' read -r name triple extra pte pmd; do
			if [ "$mode" = clang ]; then
				# shellcheck disable=SC2086 # extra is a flag list
				out=$("$clang" --target="$triple" $extra \
					-DPTWALK_ERA="$era" -fsyntax-only \
					-Wall -Wextra -Werror \
					-nostdinc -ffreestanding \
					-I "$include" "$file" 2>&1)
				rc=$?
			else
				if ! arch=$(sparse_arch "$triple"); then
					fail "$file target=$name era=$era: no sparse arch for $triple"
					continue
				fi
				# shellcheck disable=SC2086
				out=$("$sparse" --arch="$arch" $extra \
					-DPTWALK_ERA="$era" -Wcontext \
					-nostdinc -I "$include" "$file" 2>&1)
				rc=$?
				[ -z "$out" ] || rc=1
			fi
			if [ "$rc" -ne 0 ]; then
				fail "$file target=$name era=$era ($mode)"
				# the diagnostics go to stderr: one stdout line per failure
				printf '%s\n' "$out" | sed 's/^/  /' >&2
			fi
		done < <(targets)
	done
}

# Accepted checkpatch types for a file: lines "FILE TYPE reason" in the
# CHECKPATCH file of its directory ("*" matches any file; # comments).
accepted() {	# file type
	local list

	list=$(dirname "$1")/CHECKPATCH
	[ -r "$list" ] || return 1
	awk -v f="$(basename "$1")" -v t="$2" '
		/^[[:space:]]*(#|$)/ { next }
		($1 == f || $1 == "*") && $2 == t { found = 1 }
		END { exit !found }
	' "$list"
}

checkpatch_one() {	# kdir file
	local kdir=$1 file=$2 out line type

	out=$(perl "$kdir/scripts/checkpatch.pl" --no-tree -f --show-types \
		--no-summary --terse "$file" 2>&1)
	while IFS= read -r line; do
		[ -n "$line" ] || continue
		type=$(printf '%s\n' "$line" |
		       sed -n 's/^[^:]*:[0-9]*: \(ERROR\|WARNING\|CHECK\):\([A-Z0-9_]*\):.*/\2/p')
		if [ -z "$type" ]; then
			fail "$file (checkpatch): $line"
		elif ! accepted "$file" "$type"; then
			fail "$file (checkpatch): $line"
		fi
	done <<<"$out"
}

# The value of a global integer in LLVM IR text.
ir_value() {	# ir name
	printf '%s\n' "$1" | sed -n "s/^@$2 = .* \([0-9]\+\), align.*/\1/p"
}

# Prints the sizes per target and checks them against the tear flags:
# an entry that tears must be wider than a long, and must be the one the
# shim reads low/high/low; one that does not tear must not be.
sizes() {
	local name triple extra pte pmd era=6 probe ir s_pte s_pmd s_long lh_pte lh_pmd

	probe='#include <linux/mm.h>
unsigned long ptwalk_pte = sizeof(pte_t);
unsigned long ptwalk_pmd = sizeof(pmd_t);
unsigned long ptwalk_long = sizeof(long);
#ifdef CONFIG_GUP_GET_PTE_LOW_HIGH
int ptwalk_lh_pte = 1;
#else
int ptwalk_lh_pte = 0;
#endif
#if defined(CONFIG_GUP_GET_PTE_LOW_HIGH) && CONFIG_PGTABLE_LEVELS > 2
int ptwalk_lh_pmd = 1;
#else
int ptwalk_lh_pmd = 0;
#endif'
	printf '%-12s %-24s %4s %4s %5s %9s %9s\n' target triple pte pmd long pte_tears pmd_tears
	while IFS='|' read -r name triple extra pte pmd; do
		# shellcheck disable=SC2086
		ir=$(printf '%s\n' "$probe" | "$clang" --target="$triple" $extra \
			-DPTWALK_ERA=$era -nostdinc -ffreestanding -I "$include" \
			-x c -S -emit-llvm -o - - 2>&1) ||
			{ fail "sizes target=$name: $ir"; continue; }
		s_pte=$(ir_value "$ir" ptwalk_pte)
		s_pmd=$(ir_value "$ir" ptwalk_pmd)
		s_long=$(ir_value "$ir" ptwalk_long)
		lh_pte=$(ir_value "$ir" ptwalk_lh_pte)
		lh_pmd=$(ir_value "$ir" ptwalk_lh_pmd)
		printf '%-12s %-24s %4s %4s %5s %9s %9s\n' "$name" "$triple" \
			"$s_pte" "$s_pmd" "$s_long" "$pte" "$pmd"
		[ "$pte" = 0 ] || [ "$s_pte" -gt "$s_long" ] ||
			fail "sizes target=$name: pte_tears=1 but sizeof(pte_t) <= sizeof(long)"
		[ "$pmd" = 0 ] || [ "$s_pmd" -gt "$s_long" ] ||
			fail "sizes target=$name: pmd_tears=1 but sizeof(pmd_t) <= sizeof(long)"
		[ "$pte" = "$lh_pte" ] ||
			fail "sizes target=$name: pte_tears=$pte but the shim's low/high pte reader is $lh_pte"
		[ "$pmd" = "$lh_pmd" ] ||
			fail "sizes target=$name: pmd_tears=$pmd but the shim's low/high pmd reader is $lh_pmd"
	done < <(targets)
}

check_targets

mode=clang
case ${1:-} in
--sparse)
	mode=sparse
	shift
	;;
--checkpatch)
	mode=checkpatch
	[ $# -ge 2 ] || die "usage: $0 --checkpatch KERNELDIR FILE..."
	kdir=$2
	[ -r "$kdir/scripts/checkpatch.pl" ] || die "no scripts/checkpatch.pl in $kdir"
	shift 2
	;;
--sizes)
	sizes
	exit $status
	;;
-*)
	die "unknown option $1"
	;;
esac

[ $# -gt 0 ] || die "usage: $0 [--sparse | --checkpatch KERNELDIR | --sizes] FILE..."

for file in "$@"; do
	if [ ! -r "$file" ]; then
		fail "$file: cannot read"
		continue
	fi
	case $mode in
	checkpatch) checkpatch_one "$kdir" "$file" ;;
	*) compile_one "$mode" "$file" ;;
	esac
done

exit $status
