#!/bin/sh
# --fix. Golden before/after files: tests/fixes/NAME becomes exactly
# NAME.fixed (arguments from NAME.args when present, run in a copy of
# tests/fixes, so data files beside it can be named), and a second --fix is
# a no-op. Then, over every fixture and the shared corpus, the
# property: a fixed copy lints with no safe fix left, no rule firing that did
# not fire before, no syntax error in a file that had none, and a second
# --fix --diff shows nothing.
suite=fix
. "$(dirname "$0")/lib.sh"
corpus=${ZONELINT_CORPUS:-$here/../../shared/corpus}

# Fixes that make a value readable, so that a rule can judge what the
# problem hid (a DKIM key cut short by a ';' comment, now quoted whole; a
# target, once its name is right, that the fixture's zone does not hold; a
# record, once its name has its final dot, that the zone holds already).
reveals='value-quoting.zone:dkim-key-syntax value-quoting.zone:mail-record-misplaced'
reveals="$reveals duplicated-origin.zone:target-missing yaml-semantics.yaml:target-missing"
reveals="$reveals shape-many.zone:duplicate-record"

rules_of() { grep -o '"rule": "[a-z0-9-]*"' "$1" | sort -u; }

# property DIR FILE ARGS...: FILE (relative to DIR, which is a scratch copy)
# is fixed in place and checked.
fixed_files=0 fixes=0
property() {
    dir=$1 file=$2
    shift 2
    (cd "$dir" && "$bin" --no-config --format json "$@" "$file") > "$tmp/before" 2>/dev/null
    grep -q '"safety": "safe"' "$tmp/before" || return 0
    n=$((n + 1))
    (cd "$dir" && "$bin" --no-config --fix "$@" "$file") > /dev/null 2> "$tmp/fixlog"
    fixes=$((fixes + $(sed -n 's/^zonelint: fixed \([0-9]*\) finding.*/\1/p' "$tmp/fixlog")))
    fixed_files=$((fixed_files + 1))
    (cd "$dir" && "$bin" --no-config --format json "$@" "$file") > "$tmp/after" 2>/dev/null
    problem=
    grep -q '"safety": "safe"' "$tmp/after" && problem="a safe fix is left"
    rules_of "$tmp/before" > "$tmp/before.rules"
    for rule in $(rules_of "$tmp/after" | comm -13 "$tmp/before.rules" - | cut -d'"' -f4); do
        case " $reveals " in
        *" $file:$rule "*) ;;
        *) problem="new findings of $rule" ;;
        esac
    done
    if ! grep -q '"rule": "syntax-error"' "$tmp/before" &&
        grep -q '"rule": "syntax-error"' "$tmp/after"; then
        problem="a syntax error the file did not have"
    fi
    (cd "$dir" && "$bin" --no-config --fix --diff "$@" "$file") > "$tmp/again" 2>/dev/null
    [ -s "$tmp/again" ] && problem="a second --fix changes it again"
    if [ -n "$problem" ]; then
        echo "FAIL $suite: $file: $problem"
        fail=$((fail + 1))
    fi
}

# Golden before/after.
for fixed in "$here"/fixes/*.fixed; do
    before=${fixed%.fixed}
    name=$(basename "$before")
    args=
    [ -f "$before.args" ] && args=$(cat "$before.args")
    mkdir -p "$tmp/golden"
    cp -R "$here"/fixes/. "$tmp/golden/"
    # shellcheck disable=SC2086
    expect 1 "$name: --fix --diff shows the patch" -- sh -c \
        "cd '$tmp/golden' && '$bin' --no-config --fix --diff $args $name"
    # shellcheck disable=SC2086
    (cd "$tmp/golden" && "$bin" --no-config --fix $args "$name") > /dev/null 2>&1
    n=$((n + 1))
    if ! cmp -s "$tmp/golden/$name" "$before.fixed"; then
        echo "FAIL $suite: $name: --fix does not give $name.fixed"
        diff "$before.fixed" "$tmp/golden/$name" | head -n 10 | sed 's/^/    /'
        fail=$((fail + 1))
    fi
    # shellcheck disable=SC2086
    expect 0 "$name: a second --fix --diff shows nothing" -- sh -c \
        "cd '$tmp/golden' && '$bin' --no-config --fix --diff --fail-on none $args $name"
    [ -s "$tmp/out" ] && { echo "FAIL $suite: $name: a second --fix changes it"; fail=$((fail + 1)); }
    rm -rf "$tmp/golden"
done

# Options, permissions, links, unsafe fixes.
zone="$here/fixes/missing-trailing-dot.zone"
expect 2 "--unsafe-fixes alone" -- "$bin" --no-config --unsafe-fixes "$zone"
has "goes with --fix" "--unsafe-fixes alone: message"
expect 2 "--fix with --staged" -- "$bin" --no-config --fix --staged
has "does not go with --staged" "--fix --staged: message"
expect 2 "--fix with standard input" -- sh -c "'$bin' --no-config --fix - < '$zone'"
mkdir -p "$tmp/opt"
cp "$zone" "$tmp/opt/a.zone"
chmod 640 "$tmp/opt/a.zone"
ln -s a.zone "$tmp/opt/link.zone"
expect 0 "--fix through a link" -- "$bin" --no-config --fix "$tmp/opt/link.zone"
has "fixed 3 findings in 1 file" "--fix says what it did"
n=$((n + 1))
if [ ! -L "$tmp/opt/link.zone" ] || [ "$(stat -c %a "$tmp/opt/a.zone")" != 640 ] ||
    ! cmp -s "$tmp/opt/a.zone" "$zone.fixed"; then
    echo "FAIL $suite: --fix through a link: the link, the mode or the content changed"
    fail=$((fail + 1))
fi
apex='@ 300 IN SOA ns1 hostmaster 1 7200 3600 1209600 300
@ 300 IN NS ns1
ns1 300 IN A 192.0.2.1'
printf '%s\n' '$ORIGIN example.com.' "$apex" '@ 300 IN TXT "v=spf1	include:amazonses.com -all"' > "$tmp/opt/u.zone"
expect 1 "an unsafe fix is not applied by --fix" -- "$bin" --no-config --fix "$tmp/opt/u.zone"
has "value-whitespace" "unsafe fix left: the finding remains"
expect 0 "--unsafe-fixes applies it" -- "$bin" --no-config --fix --unsafe-fixes "$tmp/opt/u.zone"
has "fixed 1 finding in 1 file" "--unsafe-fixes: what it did"

# Every output carries the fix: counts in --statistics, rdjson's suggestions
# (UTF-8 byte columns), JSON's edits in the --column-unit asked for.
expect 1 "--statistics counts fixable findings" -- "$bin" --no-config --statistics "$zone"
has "missing-trailing-dot (error), 3 fixable" "--statistics: fixable per rule"
has "3  fixable with zonelint --fix" "--statistics: fixable in all"
expect 1 "rdjson suggestions" -- "$bin" --no-config --format rdjson "$zone"
has '"suggestions"' "rdjson: the fix as suggestions"
has '"text": "."' "rdjson: the suggestion's text"
printf '%s\n' '$ORIGIN example.com.' 'é IN CNAME target.example.net' > "$tmp/opt/wide.zone"
expect 1 "JSON fix columns in bytes" -- "$bin" --no-config --format json --column-unit byte \
    "$tmp/opt/wide.zone"
has '"column": 31,' "JSON: the edit's column in bytes"

# A fix in an $INCLUDEd file is made there; the including file stays.
printf '%s\n' '$ORIGIN example.com.' '$TTL 300' "$apex" '$INCLUDE part.inc' > "$tmp/opt/main.zone"
printf '%s\n' 'www IN CNAME web.example.net' > "$tmp/opt/part.inc"
cp "$tmp/opt/main.zone" "$tmp/opt/main.before"
expect 0 "--fix in an included file" -- "$bin" --no-config --fix "$tmp/opt/main.zone"
n=$((n + 1))
if ! cmp -s "$tmp/opt/main.zone" "$tmp/opt/main.before" ||
    [ "$(cat "$tmp/opt/part.inc")" != "www IN CNAME web.example.net." ]; then
    echo "FAIL $suite: --fix in an included file: $(cat "$tmp/opt/part.inc")"
    fail=$((fail + 1))
fi

# Records added to a file with CRLF line ends end their lines the same way.
printf '$ORIGIN example.com.\r\n$TTL 300\r\n@ IN SOA ns1 h 1 2 3 4 5\r\n@ IN NS ns1\r\nns1 IN A 192.0.2.1\r\n' \
    > "$tmp/opt/crlf.zone"
expect 0 "--fix adds SES records to a CRLF file" -- "$bin" --no-config --fix \
    --expect "$here/fixes/example.com.json" --region us-east-1 "$tmp/opt/crlf.zone"
n=$((n + 1))
if [ "$(wc -l < "$tmp/opt/crlf.zone")" -ne 8 ] ||
    [ "$(tr -d '\n' < "$tmp/opt/crlf.zone" | tr -cd '\r' | wc -c)" -ne 8 ]; then
    echo "FAIL $suite: records added to a CRLF file: line ends differ"
    od -c "$tmp/opt/crlf.zone" | tail -n 3 | sed 's/^/    /'
    fail=$((fail + 1))
fi

# Every fixture, with its own arguments, in a scratch copy of the tree.
cp -R "$here/fixtures" "$tmp/tree"
find "$tmp/tree" -type f ! -name '*.expect' ! -name '*.json.expect' | LC_ALL=C sort > "$tmp/list"
while IFS= read -r f; do
    args=$(sed -n 's/.*zonelint-test: *//p' "$f" | head -n 1)
    # shellcheck disable=SC2086
    property "$(dirname "$f")" "$(basename "$f")" $args
done < "$tmp/list"
echo "fix: fixtures: $fixed_files files fixed ($fixes fixes)"

if [ -d "$corpus/peers" ]; then
    cp -R "$corpus" "$tmp/corpus"
    fixed_files=0 fixes=0
    find "$tmp/corpus" -type f ! -name '*.md' ! -name '*.out' ! -name '*.conf*' |
        LC_ALL=C sort > "$tmp/list"
    while IFS= read -r f; do
        property "$(dirname "$f")" "$(basename "$f")" --origin example
    done < "$tmp/list"
    echo "fix: corpus: $fixed_files files fixed ($fixes fixes)"
fi

echo "$n fix checks, $fail failure(s)"
[ "$fail" -eq 0 ]
