# Sourced by the command-line test scripts (tests/run-NAME.sh ZONELINT) after
# they set suite, the name their failures start with. Sets bin (the binary,
# absolute), here (tests/), tmp (removed on exit), the counters n and fail,
# and the helpers below.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0

# expect STATUS DESCRIPTION -- COMMAND...: run it in $cwd (default: $tmp),
# check the status; the output is left in $tmp/out for the grep checks that
# follow.
expect() {
    want=$1 what=$2
    shift 3
    n=$((n + 1))
    (cd "${cwd:-$tmp}" && "$@") > "$tmp/out" 2>&1
    got=$?
    if [ "$got" -ne "$want" ]; then
        echo "FAIL $suite: $what: exit $got, expected $want"
        sed 's/^/    /' "$tmp/out" | head -n 10
        fail=$((fail + 1))
    fi
}
# has PATTERN DESCRIPTION: the last output matches the pattern.
has() {
    n=$((n + 1))
    if ! grep -q -- "$1" "$tmp/out"; then
        echo "FAIL $suite: $2: output lacks '$1'"
        sed 's/^/    /' "$tmp/out" | head -n 10
        fail=$((fail + 1))
    fi
}
lacks() {
    n=$((n + 1))
    if grep -q -- "$1" "$tmp/out"; then
        echo "FAIL $suite: $2: output has '$1'"
        fail=$((fail + 1))
    fi
}
