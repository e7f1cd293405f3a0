#!/bin/sh
# expect-exit STATUS COMMAND [ARG...]: runs COMMAND and succeeds only when
# it exits with exactly STATUS.  lit's shell can only tell zero from
# non-zero (`not`), and ptwalk's 1 (findings) and 2 (trouble) differ.
want=$1
shift
"$@"
got=$?
if [ "$got" -ne "$want" ]; then
	echo "expect-exit: '$*' exited with $got, expected $want" >&2
	exit 1
fi
exit 0
