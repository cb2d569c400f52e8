#!/bin/sh
# Benchmark (not a test): `zonelint --staged`, the pre-commit hook's work, in
# a repository of 1,000 zone files with one staged change; then with a staged
# change to a file that is no zone file (every zone file is scanned for the
# $INCLUDE that might read it), and `--diff HEAD` for comparison.
#   bench/git-staged.sh [FILES] [RECORDS-PER-FILE]    (default 1000 50)
# Uses hyperfine when installed; git (the program) builds the repository.
set -eu
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
files=${1:-1000}
records=${2:-50}
[ -x build/zonelint ] || make
bin=$(pwd)/build/zonelint
repo=$(mktemp -d)
trap 'rm -rf "$repo"' EXIT
export HOME="$repo" GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=b GIT_AUTHOR_EMAIL=b@example.com \
    GIT_COMMITTER_NAME=b GIT_COMMITTER_EMAIL=b@example.com

git init -q "$repo"
mkdir "$repo/zones"
awk -v files="$files" -v records="$records" -v dir="$repo/zones" 'BEGIN {
    for (f = 0; f < files; f++) {
        zone = sprintf("z%04d.example", f)
        path = dir "/db." zone
        printf "$ORIGIN %s.\n$TTL 3600\n", zone > path
        printf "@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n" > path
        printf "  IN NS ns1\n  IN MX 10 mail\nns1 IN A 192.0.2.1\nmail IN A 192.0.2.2\n" > path
        printf "tok%d._domainkey IN CNAME tok%d.dkim.amazonses.com.\n", f, f > path
        printf "_amazonses IN TXT \"tok%d=\"\n", f > path
        for (r = 7; r < records; r++)
            printf "h%d IN A 198.51.%d.%d\n", r, r % 256, f % 256 > path
        close(path)
    }
}'
echo "notes" > "$repo/README"
git -C "$repo" add -A
git -C "$repo" commit -q -m "$files zone files"
echo "repository: $files zone files of $records records"

one="zones/db.z$(printf %04d $((files / 2))).example"
echo "new IN A 192.0.2.99" >> "$repo/$one"
git -C "$repo" add "$one"

run() {
    what=$1
    shift
    bench_run "$repo" "$what" 3 "${RUNS:-20}" "$@"
}
run "--staged, one zone file staged" "$bin" --staged
echo "more notes" >> "$repo/README"
git -C "$repo" add README
run "--staged, one zone file and one other file staged" "$bin" --staged
run "--diff HEAD" "$bin" --diff HEAD
