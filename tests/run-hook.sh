#!/bin/sh
# The git side of the command line, with the git program (tests only; zonelint
# itself reads repositories through libgit2): --install-hook, the installed
# pre-commit hook through real commits, and what --staged and --diff print
# and exit with.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0

# A git of our own: no user or system configuration, no templates.
export HOME="$tmp" GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com \
    GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com NO_COLOR=1
mkdir "$tmp/bin" && ln -s "$bin" "$tmp/bin/zonelint"
PATH="$tmp/bin:$PATH"

# check WANT WHAT DIR CMD...: run CMD in DIR, compare the exit status; the
# output stays in $tmp/out for saw/never.
check() {
    want=$1 what=$2 dir=$3
    shift 3
    n=$((n + 1))
    (cd "$dir" && "$@") > "$tmp/out" 2>&1
    got=$?
    [ "$got" -eq "$want" ] && return
    echo "FAIL hook: $what: exit $got, expected $want"
    sed 's/^/    /' "$tmp/out" | head -n 12
    fail=$((fail + 1))
}
saw() {
    n=$((n + 1))
    grep -q -- "$1" "$tmp/out" && return
    echo "FAIL hook: $2: no '$1' in:"
    sed 's/^/    /' "$tmp/out" | head -n 12
    fail=$((fail + 1))
}
never() {
    n=$((n + 1))
    grep -q -- "$1" "$tmp/out" || return
    echo "FAIL hook: $2: unexpected '$1'"
    fail=$((fail + 1))
}

zone() {
    printf '$ORIGIN example.com.\n$TTL 300\n@ IN SOA ns1 h 1 2 3 4 5\n  IN NS ns1\n'
    printf 'ns1 IN A 192.0.2.1\nt1._domainkey IN CNAME t1.dkim.amazonses.com.\n'
}
r="$tmp/repo"
git init -q "$r" && mkdir "$r/zones"

check 0 "install the hook" "$r" zonelint --install-hook
saw "installed the zonelint pre-commit hook" "install message"
n=$((n + 1))
if ! cmp -s "$r/.git/hooks/pre-commit" "$here/../hooks/pre-commit" ||
    [ ! -x "$r/.git/hooks/pre-commit" ]; then
    echo "FAIL hook: the installed hook is not hooks/pre-commit, executable"
    fail=$((fail + 1))
fi
check 0 "install it again" "$r/zones" zonelint --install-hook
saw "already installed" "second install"

# A broken staged zone file stops the commit, with the findings shown.
{ zone; echo "bad IN A 256.1.1.1"; } > "$r/zones/db.example.com"
git -C "$r" add zones/db.example.com
check 1 "commit with a broken zone" "$r" git commit -q -m broken
saw "zones/db.example.com:7:10: error: bad IPv4 address" "finding shown by the hook"
saw "commit stopped" "hook says why"
check 1 "nothing was committed" "$r" git rev-parse -q --verify HEAD

# What is staged counts, not the work tree.
zone > "$r/zones/db.example.com"
git -C "$r" add zones/db.example.com
echo "bad IN A 256.1.1.1" >> "$r/zones/db.example.com"
check 0 "commit the fixed version, broken in the work tree only" "$r" git commit -q -m base
check 1 "--staged would still pass, the work tree not" "$r" zonelint --diff HEAD
saw "zones/db.example.com:7:10" "work tree finding"
zone > "$r/zones/db.example.com"

# An existing hook is never replaced.
printf '#!/bin/sh\nexit 0\n' > "$r/.git/hooks/pre-commit"
check 2 "install over another hook" "$r" zonelint --install-hook
saw "exists and is not zonelint's hook" "refusal"
n=$((n + 1))
grep -q zonelint "$r/.git/hooks/pre-commit" && { echo "FAIL hook: the other hook was replaced"; fail=$((fail + 1)); }

# core.hooksPath is where git looks, so that is where it goes.
git -C "$r" config core.hooksPath .githooks
check 0 "install under core.hooksPath" "$r/zones" zonelint --install-hook
n=$((n + 1))
[ -x "$r/.githooks/pre-commit" ] || { echo "FAIL hook: nothing in .githooks"; fail=$((fail + 1)); }
check 1 "the hook without zonelint on PATH" "$r" env PATH=/usr/bin:/bin sh .githooks/pre-commit
saw "zonelint not found" "missing program named"

# --diff: new findings only, removed SES records, repository-relative paths
# from a subdirectory, SARIF and annotations.
{ zone | sed '/t1._domainkey/d'; echo "ns2 IN A 192.0.2.2"; } > "$r/zones/db.example.com"
check 1 "--diff HEAD, a DKIM record removed" "$r/zones" zonelint --diff HEAD --format github
saw "::error file=zones/db.example.com,title=ses-record-removed::Easy DKIM CNAME removed since HEAD" "annotation"
check 1 "--diff HEAD as SARIF" "$r/zones" zonelint --diff HEAD --format sarif
saw '"uri": "zones/db.example.com"' "SARIF path relative to the repository"
saw '"ruleId": "ses-record-removed"' "SARIF result"
check 0 "--fail-on none" "$r" zonelint --diff HEAD --fail-on none
check 0 "rule switched off" "$r" zonelint --diff HEAD --disable ses-record-removed
git -C "$r" commit -q -a --no-verify -m "drop dkim"
check 0 "--diff HEAD~1..HEAD with --disable" "$r" zonelint --diff HEAD~1..HEAD --disable ses-record-removed
check 1 "--diff HEAD~1..HEAD" "$r" zonelint --diff HEAD~1..HEAD
saw "zones/db.example.com: error: Easy DKIM CNAME removed" "commit range"

# Usage and git errors exit 2, with a message.
check 2 "--diff with a bad revision" "$r" zonelint --diff no-such-branch
saw "no-such-branch" "bad revision named"
check 2 "--staged with a file" "$r" zonelint --staged zones/db.example.com
check 2 "--staged and --diff" "$r" zonelint --staged --diff HEAD
check 2 "--staged outside a repository" "$tmp/bin" zonelint --staged
saw "not in a git repository" "no repository"
check 2 "--install-hook outside a repository" "$tmp/bin" zonelint --install-hook
check 2 "--diff in an empty repository" "$tmp" sh -c 'git init -q empty && cd empty && zonelint --diff HEAD'
saw "no commits yet" "empty repository"
check 0 "--staged in an empty repository" "$tmp/empty" zonelint --staged

# A shallow clone lacks the base: say so.
check 0 "shallow clone" "$tmp" git clone -q --depth 1 "file://$r" shallow
check 2 "--diff beyond a shallow clone" "$tmp/shallow" zonelint --diff HEAD~1
saw "shallow clone" "shallow hint"

echo "$n hook and git checks, $fail failure(s)"
[ "$fail" -eq 0 ]
