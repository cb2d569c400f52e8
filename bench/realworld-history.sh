#!/bin/sh
# Benchmark (not a test): lint each zone file a commit changed, before and
# after the commit, in a repository's history, and list the commits after
# which findings disappeared (a fix zonelint saw) or appeared (a mistake it
# caught as it came in).
#   bench/realworld-history.sh GIT_DIR [COMMITS] [ZONELINT]
# GIT_DIR is a bare clone of a bench/realworld-sources.tsv repository;
# COMMITS (default 400) how many of the newest commits to scan.
set -eu
gitdir=${1:?usage: bench/realworld-history.sh GIT_DIR [COMMITS] [ZONELINT]}
count=${2:-400}
zonelint=${3:-$(cd "$(dirname "$0")/.." && pwd)/build/zonelint}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
lint() { # rev path -> number of error findings, or "-" when absent
    # the whole tree of the commit, so that $INCLUDEs and configurations are there
    dir=$tmp/$(git --git-dir="$gitdir" rev-parse "$1")
    [ -d "$dir" ] || { mkdir -p "$dir" && git --git-dir="$gitdir" archive "$1" | tar -x -C "$dir"; }
    [ -f "$dir/$2" ] || { echo -; return; }
    (cd "$dir" && "$zonelint" --no-config --fail-on none --format json "$2" 2>/dev/null) |
        grep -c '"severity": "error"' || true
}
git --git-dir="$gitdir" log --format=%H -n "$count" --no-merges | while read -r c; do
    git --git-dir="$gitdir" diff-tree --no-commit-id --name-only -r "$c" |
        grep -E '\.(ya?ml|zone|db)$|^(zones|templates)/|(^|/)db\.' | while read -r f; do
        before=$(lint "$c^" "$f"); after=$(lint "$c" "$f")
        [ "$before" = "$after" ] && continue
        [ "$before" = - ] || [ "$after" = - ] && continue
        echo "$(git --git-dir="$gitdir" log -1 --format='%h %s' "$c" | cut -c1-70)	$f	errors $before -> $after"
    done
done
