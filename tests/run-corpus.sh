#!/bin/sh
# Real zone files from other projects (../shared/corpus, see its README): every
# file is read without a crash, a hang or a sanitizer report (exit 0, 1 or 2
# within the time limit); BIND's good*.db files give no syntax error and no
# finding of a rule about what BIND itself checks in records, its
# bad*.db files give at least one finding, and the root zone lints clean.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
corpus=${ZONELINT_CORPUS:-$(cd "$(dirname "$0")/.." && pwd)/../shared/corpus}
if [ ! -d "$corpus/peers" ]; then
    echo "************************************************************************"
    echo "corpus: WARNING: NOT TESTED: no real-world corpus at $corpus"
    echo "corpus: point ZONELINT_CORPUS at a folder of zone files (with peers/ in it)"
    echo "corpus: to run these tests: make check ZONELINT_CORPUS=/path/to/corpus"
    echo "************************************************************************"
    exit 0
fi
limit=${ZONELINT_CORPUS_TIMEOUT:-60}
fail=0 n=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT

bind_checked='syntax-error|hostname-syntax|caa-syntax|record-semantics|mail-record-misplaced'
find "$corpus" -type f ! -name '*.md' ! -name '*.out' ! -name '*.conf*' | LC_ALL=C sort > "$out.list"
while IFS= read -r f; do
    n=$((n + 1))
    timeout "$limit" "$bin" --no-config --fail-on warning --format json --origin example "$f" \
        > "$out" 2>&1
    rc=$?
    if [ "$rc" -gt 2 ]; then
        echo "FAIL corpus: $f: exit status $rc (crash, sanitizer or time limit)"
        fail=$((fail + 1))
        continue
    fi
    case $f in
    */checkzone/zones/good*)
        # BIND's own record checks pass on these: so must zonelint's.
        if grep -qE "\"rule\": \"($bind_checked)\"" "$out"; then
            echo "FAIL corpus: $f: a finding BIND's checks do not make on a zone it loads"
            grep -E -A6 "\"($bind_checked)\"" "$out" | grep -E '"(line|message)"' | head -n 4
            fail=$((fail + 1))
        fi ;;
    */checkzone/zones/bad*)
        if [ "$rc" -eq 0 ]; then
            echo "FAIL corpus: $f: nothing found in a zone BIND rejects"
            fail=$((fail + 1))
        fi ;;
    esac
done < "$out.list"
rm -f "$out.list"

if [ -f "$corpus/big/root.zone" ]; then
    n=$((n + 1))
    "$bin" --no-config "$corpus/big/root.zone" > "$out" 2>&1
    if [ $? -ne 0 ]; then
        echo "FAIL corpus: root.zone must lint clean:"
        head -n 20 "$out"
        fail=$((fail + 1))
    fi
fi
echo "$n corpus files, $fail failure(s)"
[ "$fail" -eq 0 ]
