#!/bin/sh
# Prints the indented block of README that follows the line "    $ CMD"
# (without its four spaces of indent), up to the first empty line: what
# the README says the command prints.
#   readme-block.sh README CMD
awk -v cmd="    \$ $2" '
	$0 == cmd { on = 1; next }
	on && $0 == "" { exit }
	on { sub(/^    /, ""); print }' "$1"
