#!/bin/sh
# sarif-validate.sh MULTITOOL FILE...: validates SARIF files with the
# SARIF Multitool's "Gh;Sarif" rules (SARIF 2.1.0 plus what GitHub code
# scanning requires) and fails on any error or warning it reports, since
# the tool itself exits 0 on warnings.  A missing tool is a failure: run
# scripts/setup, which installs it from npm.
tool=$1
shift
if [ ! -x "$tool" ]; then
	echo "sarif-validate: $tool: not found; scripts/setup installs it" >&2
	exit 2
fi
status=0
for file in "$@"; do
	out=$("$tool" validate --rule-kind "Gh;Sarif" "$file" 2>&1) || {
		printf '%s\n' "$out" >&2
		status=1
		continue
	}
	if printf '%s\n' "$out" | grep -E ': (error|warning) [A-Z]+[0-9]+:' >&2; then
		status=1
	elif ! printf '%s\n' "$out" | grep -q 'Analysis completed successfully'; then
		printf '%s\n' "$out" >&2
		status=1
	fi
done
exit $status
