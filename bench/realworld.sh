#!/bin/sh
# Benchmark (not a test): lint a corpus of public DNS-as-code repositories as a
# new user would (`zonelint --no-config FILES`), tabulate findings per rule and
# per file, and score them against the hand-made verdicts.
#
#   bench/realworld.sh CORPUS [ZONELINT]
#
# CORPUS holds one folder per repository of bench/realworld-sources.tsv, named
# owner+name (the repository's snapshot at the listed commit, extracted); the
# fetched files are not part of this project. ZONELINT defaults to
# build/zonelint. Results go to bench/out/realworld/: one JSON report per
# repository, findings.tsv (every finding with its verdict) and summary.md.
#
# Verdicts (bench/realworld-verdicts.tsv) are patterns, first match wins:
#   repository-glob  rule  message-regex  verdict  reason
# verdict is true, false or debatable; a finding no pattern matches is counted
# as unclassified, so new rules show up as work to review, never as a score.
#
# A path ending in / is a folder, given to zonelint as a folder: a Terraform
# module is a directory, and `zonelint infra/` is how a user lints one (every
# file zonelint recognises below it, module by module).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
corpus=${1:?usage: bench/realworld.sh CORPUS [ZONELINT]}
zonelint=${2:-$here/../build/zonelint}
out=$here/out/realworld
mkdir -p "$out"
rm -f "$out"/*.json

grep -v '^#' "$here/realworld-sources.tsv" | while IFS='	' read -r repo commit publisher paths; do
    dir=$corpus/$(echo "$repo" | tr / +)
    [ -d "$dir" ] || { echo "missing: $dir ($repo)" >&2; continue; }
    # shellcheck disable=SC2086 # the globs are meant to expand
    files=$(cd "$dir" && for p in $paths; do
        case $p in */) [ -d "$p" ] && echo "$p" ;; *) [ -f "$p" ] && echo "$p" ;; esac
    done | sort -u)
    [ -n "$files" ] || { echo "no files: $repo" >&2; continue; }
    report=$out/$(echo "$repo" | tr / +).json
    # shellcheck disable=SC2086
    # The snapshot is no git checkout: --include-root . lets it read what a
    # checkout's root would (a gdnsd config beside zones/, includes above).
    (cd "$dir" && "$zonelint" --no-config --include-root . --format json --fail-on none $files \
        > "$report" 2> "$report.stderr") ||
        echo "zonelint exit $? on $repo: $(head -c 300 "$report.stderr")" >&2
done

python3 "$here/realworld_tabulate.py" "$out" "$here/realworld-verdicts.tsv" "$here/realworld-sources.tsv"
