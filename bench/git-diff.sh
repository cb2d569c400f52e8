#!/bin/sh
# Benchmark (not a test): `zonelint --diff HEAD` on one large zone file with
# a one-line change in the work tree: both sides are read (at once), the new
# one is linted, the base only for the rules the new one reported. A plain
# run of the file for comparison.
#   bench/git-diff.sh [RECORDS]        (default 1000000)
# Uses hyperfine when installed; git (the program) builds the repository.
set -eu
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
records=${1:-1000000}
[ -x build/zonelint ] || make
bin=$(pwd)/build/zonelint
out=bench/out
mkdir -p "$out"
cc -O2 -o "$out/gen_zone" bench/gen_zone.c
repo=$(mktemp -d)
trap 'rm -rf "$repo"' EXIT
export HOME="$repo" GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=b GIT_AUTHOR_EMAIL=b@example.com \
    GIT_COMMITTER_NAME=b GIT_COMMITTER_EMAIL=b@example.com

git init -q "$repo"
"$out/gen_zone" "$records" > "$repo/db.bench.example"
git -C "$repo" add db.bench.example
git -C "$repo" commit -q -m "$records records"
# One changed line in the middle of the file.
line=$(($(wc -l < "$repo/db.bench.example") / 2))
sed -i "${line}s/\$/ ; changed/" "$repo/db.bench.example"
echo "repository: one zone file of $records records, line $line changed"

run() {
    what=$1
    shift
    bench_run "$repo" "$what" 1 "${RUNS:-5}" "$@"
}
run "--diff HEAD, one line changed" "$bin" --diff HEAD
run "plain run of the file" "$bin" --no-config db.bench.example
