#!/bin/sh
# install-check.sh BUILD_DIR CLANG: `cmake --install` into a temporary
# prefix, then the installed tools on the seed walker with the build
# tree's copies out of PATH and no PTWALK_* variables: ptwalk must find its
# rules, docs and ptwalk-clang beside itself, the plugin must load into
# CLANG, and the man pages must format without warnings.
set -eu
build=$(cd "$1" && pwd)
clang=$2
src=$(cd "$(dirname "$0")/.." && pwd)
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
fail() { echo "install-check: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" > /dev/null
for f in bin/ptwalk bin/ptwalk-clang lib/ptwalk/ptwalk.so \
	 share/ptwalk/cocci/numa-hint.cocci share/ptwalk/cocci/ptwalk-macros.h \
	 share/doc/ptwalk/rules/numa-hint.md share/doc/ptwalk/README.md \
	 share/man/man1/ptwalk.1 share/man/man1/ptwalk-clang.1; do
	[ -e "$prefix/$f" ] || fail "$f was not installed"
done
for rule in $("$build/bin/ptwalk" --list-rules | awk 'NR > 1 && $4 ~ /cocci/ { print $1 }'); do
	[ -e "$prefix/share/ptwalk/cocci/$rule.cocci" ] || fail "cocci/$rule.cocci was not installed"
	[ -e "$prefix/share/doc/ptwalk/rules/$rule.md" ] || fail "rules/docs/$rule.md was not installed"
done

PATH=$(printf '%s' "$PATH" | tr ':' '\n' | grep -vx "$build/bin" | paste -sd: -)
export PATH
unset PTWALK_COCCI_DIR PTWALK_DOC_DIR PTWALK_CLANG
ptwalk=$prefix/bin/ptwalk

"$ptwalk" --help | grep -q "else $prefix/bin/../share/ptwalk/cocci)" ||
	fail "the installed ptwalk does not default to its own rules"
cd "$src/testsuite/corpus"
status=0
"$ptwalk" seed > "$prefix/installed.out" 2>&1 || status=$?
[ "$status" -eq 1 ] || fail "installed ptwalk on the seed exited $status, expected 1"
"$build/bin/ptwalk" seed > "$prefix/built.out" 2>&1 || true
diff "$prefix/built.out" "$prefix/installed.out" ||
	fail "the installed ptwalk and the built one differ on the seed"

# The Clang engine through the installed ptwalk-clang.
status=0
"$ptwalk" --engine=clang --rules=torn-read defects/torn-read-pte-read-once.c -- \
	--target=i386-linux-gnu -DCONFIG_X86_PAE -DPTWALK_ERA=6 -nostdinc \
	-ffreestanding -I"$src/testsuite/include" > "$prefix/clang.out" 2>&1 || status=$?
[ "$status" -eq 1 ] && grep -q 'torn-read-pte-read-once.c:14:.*\[ptwalk-torn-read\]' "$prefix/clang.out" ||
	fail "installed ptwalk-clang: exit $status: $(cat "$prefix/clang.out")"

# The installed plugin inside a compile.
"$clang" -fsyntax-only -fplugin="$prefix/lib/ptwalk/ptwalk.so" \
	--target=i386-linux-gnu -DCONFIG_X86_PAE -DPTWALK_ERA=6 -nostdinc \
	-ffreestanding -I"$src/testsuite/include" defects/torn-read-pte-read-once.c \
	> "$prefix/plugin.out" 2>&1 || true
grep -q 'torn-read-pte-read-once.c:14:.*\[ptwalk-torn-read\]' "$prefix/plugin.out" ||
	fail "installed plugin: $(cat "$prefix/plugin.out")"

# SARIF help texts come from the installed docs.
"$ptwalk" --format=sarif seed 2> /dev/null |
	grep -q "\"helpUri\": \"file://$prefix/share/doc/ptwalk/rules/numa-hint.md\"" ||
	fail "SARIF does not point at the installed rule docs"

for page in ptwalk ptwalk-clang; do
	warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$prefix/share/man/man1/$page.1" 2>&1 > /dev/null)
	[ -z "$warnings" ] || fail "man $page: $warnings"
	LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$prefix/share/man/man1/$page.1" | grep -q 'EXIT STATUS' ||
		fail "man $page does not format"
done
echo "install-check: installed into $prefix and ran from there"
