#!/bin/sh
# The pre-commit framework's hook (.pre-commit-hooks.yaml) with the real
# pre-commit program, offline: a hook repository made from this checkout's
# manifest, and a repository that uses it. A bad zone file fails
# `pre-commit run --all-files` and a commit; `exclude` and `files` apply;
# only the files pre-commit passes are linted.
suite=precommit
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

if ! command -v pre-commit > /dev/null 2>&1; then
    echo "FAIL $suite: the pre-commit program is missing: run scripts/install-deps"
    exit 1
fi
unset GIT_DIR GIT_INDEX_FILE GIT_WORK_TREE GIT_COMMON_DIR
export HOME="$tmp" GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com \
    GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com NO_COLOR=1 \
    PRE_COMMIT_HOME="$tmp/cache" PRE_COMMIT_COLOR=never
mkdir "$tmp/bin" && ln -s "$bin" "$tmp/bin/zonelint"
PATH="$tmp/bin:$PATH"

# The hook repository: this checkout's manifest, committed.
hooks=$tmp/hooks
git init -q "$hooks" && cp "$here/../.pre-commit-hooks.yaml" "$hooks/"
git -C "$hooks" add . && git -C "$hooks" commit -qm hooks
rev=$(git -C "$hooks" rev-parse HEAD)

r=$tmp/repo
git init -q "$r" && mkdir -p "$r/zones/old"
config() {
    printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: zonelint\n%s' \
        "$hooks" "$rev" "${1:-}" > "$r/.pre-commit-config.yaml"
}
config
good='$ORIGIN example.com.\n$TTL 300\n@ IN SOA ns1 h 1 2 3 4 5\n  IN NS ns1\nns1 IN A 192.0.2.1\n'
bad='$ORIGIN example.com.\n$TTL 300\nwww IN A 256.0.0.1\n'
# shellcheck disable=SC2059 # the zones are formats with \n
{ printf "$good" > "$r/zones/db.example.com"; printf "$bad" > "$r/zones/old/bad.zone"
  printf "$bad" > "$r/zones/notes.txt"; }
git -C "$r" add . && git -C "$r" commit -qm zones --no-verify
cwd=$r

expect 1 "run --all-files fails on a committed bad zone" -- pre-commit run --all-files
has "bad.zone:3:10: error: " "the bad zone's finding"
lacks "notes.txt" "a file outside 'files' is not linted"
config "        exclude: '^zones/old/'
"
git -C "$r" add .pre-commit-config.yaml
expect 0 "exclude applies" -- pre-commit run --all-files
lacks "bad.zone" "the excluded file is not linted"
config "        files: '\\.txt\$'
"
git -C "$r" add .pre-commit-config.yaml
expect 1 "a wider files pattern applies" -- pre-commit run --all-files
has "notes.txt:3:10: error: " "the .txt file is linted"

# As a commit hook: only staged files are passed, their staged content is
# linted (pre-commit stashes unstaged changes).
config
git -C "$r" add .pre-commit-config.yaml
expect 0 "pre-commit install" -- pre-commit install
# shellcheck disable=SC2059
printf "$bad" > "$r/zones/db.example.org"
git -C "$r" add zones/db.example.org
expect 1 "a commit adding a bad zone is stopped" -- git commit -qm bad
has "db.example.org:3:10: error: " "the staged bad zone's finding"
lacks "bad.zone" "committed files not passed are not linted"
# shellcheck disable=SC2059
printf "$good" | sed 's/example.com/example.org/' > "$r/zones/db.example.org"
git -C "$r" add zones/db.example.org
# shellcheck disable=SC2059
printf "$bad" > "$r/zones/db.example.org" # unstaged: not what the commit records
expect 0 "the staged good version commits, whatever the work tree holds" -- git commit -qm good
has "zonelint.*Passed" "the hook ran and passed"

echo "$n pre-commit checks, $fail failure(s)"
[ "$fail" -eq 0 ]
