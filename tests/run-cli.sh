#!/bin/sh
# The command line: exit codes, options, messages, colour, configuration.
suite=cli
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

cat > "$tmp/clean.zone" <<'Z'
$ORIGIN example.com.
$TTL 300
@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300
  IN NS ns1
ns1 IN A 192.0.2.1
Z
cat > "$tmp/warn.zone" <<'Z'
$ORIGIN example.com.
$TTL 300
a IN A 192.0.2.1
a 60 IN A 192.0.2.2
Z
cat > "$tmp/err.zone" <<'Z'
$ORIGIN example.com.
$TTL 300
a IN A 256.0.0.1
Z
printf 'a 300 IN A 192.0.2.1\n' > "$tmp/noorigin"

expect 0 "clean zone" -- "$bin" --no-config clean.zone
expect 1 "error finding" -- "$bin" --no-config err.zone
has "err.zone:3:8: error: " "gcc-style position"
expect 0 "warning below the default threshold" -- "$bin" --no-config warn.zone
has "warning:" "warning shown"
expect 1 "--fail-on warning" -- "$bin" --no-config --fail-on warning warn.zone
expect 0 "--fail-on none" -- "$bin" --no-config --fail-on none err.zone
expect 0 "--disable" -- "$bin" --no-config --disable syntax-error err.zone
lacks "syntax-error" "--disable hides the rule"
expect 2 "--disable unknown rule" -- "$bin" --no-config --disable no-such-rule clean.zone
expect 2 "unknown option" -- "$bin" --no-config --bogus clean.zone
expect 2 "bad --format" -- "$bin" --no-config --format xml clean.zone
expect 2 "no input" -- "$bin" --no-config
expect 2 "missing file" -- "$bin" --no-config does-not-exist.zone
has "does-not-exist.zone" "missing file named"
expect 2 "no origin" -- "$bin" --no-config noorigin
has "origin is unknown" "no-origin message"
expect 0 "--origin" -- "$bin" --no-config --origin example.com noorigin
expect 0 "stdin" -- sh -c "'$bin' --no-config --origin example.com - < clean.zone"
expect 1 "--jobs 1 gives the same findings" -- "$bin" --no-config --jobs 1 err.zone
has "err.zone:3:8: error: " "single-threaded run"
expect 2 "--jobs 0" -- "$bin" --no-config --jobs 0 err.zone
expect 0 "--version" -- "$bin" --version
has "^zonelint [0-9]" "version text"
expect 0 "--help" -- "$bin" --help
has "Exit status" "help text"
expect 0 "--list-rules" -- "$bin" --list-rules
has "missing-trailing-dot" "rule list"
expect 0 "--explain" -- "$bin" --explain missing-trailing-dot
has "final dot" "explanation"
expect 2 "--explain unknown" -- "$bin" --explain nope
expect 1 "json output" -- "$bin" --no-config --format json err.zone
has '"summary"' "json summary"
expect 1 "colour forced" -- "$bin" --no-config --color always err.zone
has "$(printf '\033')\[" "ANSI colour with --color always"
expect 1 "no colour in a pipe" -- "$bin" --no-config err.zone
lacks "$(printf '\033')\[" "no colour when not a terminal"

# Directories: zone files by name, sorted, hidden folders skipped.
mkdir -p "$tmp/dir/sub" "$tmp/dir/.git"
cp "$tmp/err.zone" "$tmp/dir/sub/db.example.com"
cp "$tmp/err.zone" "$tmp/dir/.git/hidden.zone"
cp "$tmp/err.zone" "$tmp/dir/notes.txt"
expect 1 "directory" -- "$bin" --no-config dir
has "dir/sub/db.example.com" "db.* found in a subfolder"
lacks "hidden.zone" "hidden folder skipped"
lacks "notes.txt" "other files skipped"

# Configuration: rule severities, fail_on, zone patterns with origins.
cat > "$tmp/.zonelint.json" <<'J'
{"rules": {"ttl-mismatch": "error"}, "zones": [{"path": "*.hosts", "origin": "example.org"}]}
J
cp "$tmp/noorigin" "$tmp/lan.hosts"
expect 1 "config raises a severity" -- "$bin" warn.zone
expect 0 "config zone pattern gives the origin" -- "$bin" lan.hosts
echo '{"rules": {"nope": "off"}}' > "$tmp/.zonelint.json"
expect 2 "config with an unknown rule" -- "$bin" clean.zone
has ".zonelint.json" "config error names the file"
echo '{"rules": ' > "$tmp/.zonelint.json"
expect 2 "broken config" -- "$bin" clean.zone
has ".zonelint.json:[0-9]*:[0-9]*:" "config syntax error with position"
rm "$tmp/.zonelint.json"

# Suppression comments with an unknown rule are reported on stderr.
printf '$ORIGIN example.com.\n$TTL 60\na A 192.0.2.1 ; zonelint-disable-line no-such-rule\n' > "$tmp/sup.zone"
expect 0 "unknown rule in a suppression" -- "$bin" --no-config sup.zone
has "unknown rule 'no-such-rule'" "suppression typo reported"

# The rule pages are generated from the binary; they must be current.
n=$((n + 1))
if ! "$here/../scripts/gen-rule-docs" "$bin" | cmp -s - "$here/../docs/rules.md"; then
    echo "FAIL cli: docs/rules.md is stale: run scripts/gen-rule-docs build/zonelint > docs/rules.md"
    fail=$((fail + 1))
fi
# Every rule id must be in the catalogue (../shared/spec/rules.md), when present.
spec="$here/../../shared/spec/rules.md"
if [ -f "$spec" ]; then
    for id in $("$bin" --list-rules | cut -d' ' -f1); do
        n=$((n + 1))
        if ! grep -q "| \`$id\` |" "$spec"; then
            echo "FAIL cli: rule $id is not in the catalogue $spec"
            fail=$((fail + 1))
        fi
    done
fi

echo "$n cli checks, $fail failure(s)"
[ "$fail" -eq 0 ]
