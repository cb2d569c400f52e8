#!/bin/sh
# Golden output: each tests/golden/NAME.zone is linted and its text output
# (no colour) and JSON output must equal NAME.txt and NAME.json byte for byte.
# Options for a case come from a "; golden-args: ..." line in the zone; more
# formats (sarif, github, checkstyle, ...: NAME.FORMAT) from "; golden-formats: ...".
# UPDATE=1 rewrites the expected files (review the diff before committing).
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/golden" || exit 2
# The version (in SARIF) is written @VERSION@, so a new tag changes nothing.
version=$("$bin" --version | sed -n '1s/^zonelint //p')
fail=0 n=0
for zone in *.zone; do
    name=${zone%.zone}
    args=$(sed -n 's/^; golden-args: //p' "$zone" | head -n 1)
    more=$(sed -n 's/^; golden-formats: //p' "$zone" | head -n 1)
    for fmt in txt json $more; do
        n=$((n + 1))
        case $fmt in txt) f=text ;; *) f=$fmt ;; esac
        # shellcheck disable=SC2086
        NO_COLOR=1 "$bin" --no-config --color never --format "$f" $args "$zone" > "/tmp/golden.$$" 2>&1
        echo "exit $?" >> "/tmp/golden.$$"
        # Paths relative to the repository (SARIF, GitHub) are written as if
        # tests/golden were its top, so a checkout without .git gives the same.
        sed -i -e "s/\"$version\"/\"@VERSION@\"/g" -e 's|tests/golden/||g' "/tmp/golden.$$"
        if [ "${UPDATE:-}" = 1 ]; then
            cp "/tmp/golden.$$" "$name.$fmt"
        elif ! cmp -s "/tmp/golden.$$" "$name.$fmt"; then
            echo "FAIL golden $name.$fmt:"
            diff -u "$name.$fmt" "/tmp/golden.$$" | head -n 40
            fail=$((fail + 1))
        fi
    done
done
rm -f "/tmp/golden.$$"
echo "$n golden outputs, $fail failure(s)"
[ "$fail" -eq 0 ]
