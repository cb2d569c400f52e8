#!/bin/sh
# Benchmark (not a test): time zonelint against the checkers it must beat on
# one generated zone, in one run, and report peak memory.
#   bench/run.sh [RECORDS]        (default 1000000)
# Needs hyperfine and GNU time for the numbers, and the peers when present:
# named-checkzone (bind9-utils), kzonecheck (knot-dnssecutils), validns,
# ldns-read-zone (ldnsutils). Missing ones are skipped.
# SIMDZONE_SRC=DIR adds NLnet Labs' simdzone (`zone-bench parse`) as the
# anchor for what reading alone can cost: DIR is a checkout of
# https://github.com/NLnetLabs/simdzone, built with cmake outside this tree
# (in ${TMPDIR:-/tmp}/zonelint-bench-simdzone); it is no part of zonelint.
set -eu
cd "$(dirname "$0")/.."
records=${1:-1000000}
out=bench/out
mkdir -p "$out"
cc -O2 -o "$out/gen_zone" bench/gen_zone.c
zone="$out/bench.example.zone"
[ -f "$zone.$records" ] || { "$out/gen_zone" "$records" > "$zone.$records"; }
cp "$zone.$records" "$zone"
size=$(wc -c < "$zone")
echo "zone: $records records, $size bytes"
[ -x build/zonelint ] || make
build/zonelint --no-config "$zone" > "$out/findings.txt" || {
    echo "zonelint reported findings on the generated zone:"; head "$out/findings.txt"; exit 1; }

zone_bench=
if [ -n "${SIMDZONE_SRC:-}" ]; then
    sz_build=${TMPDIR:-/tmp}/zonelint-bench-simdzone
    if [ ! -x "$sz_build/zone-bench" ]; then
        cmake -S "$SIMDZONE_SRC" -B "$sz_build" -DCMAKE_BUILD_TYPE=Release > /dev/null
        cmake --build "$sz_build" -j2 > /dev/null
    fi
    zone_bench=$sz_build/zone-bench
fi

set -- "build/zonelint --no-config $zone"
[ -n "$zone_bench" ] && set -- "$@" "$zone_bench parse $zone"
command -v named-checkzone >/dev/null && set -- "$@" "named-checkzone -i local bench.example $zone"
command -v kzonecheck >/dev/null && set -- "$@" "kzonecheck -o bench.example $zone"
command -v validns >/dev/null && set -- "$@" "validns -z bench.example $zone"
command -v ldns-read-zone >/dev/null && set -- "$@" "ldns-read-zone -q $zone"

if command -v hyperfine >/dev/null; then
    hyperfine -N -w 1 -r "${RUNS:-5}" -i --export-markdown "$out/times.md" "$@"
    cat "$out/times.md"
else
    echo "hyperfine not installed: timing once each"
fi
echo
# CPU seconds (user + system, all threads) beside wall time: on a shared
# machine they vary less.
echo "| command | wall s | cpu s | peak memory MB | memory / file size |"
echo "|---|---|---|---|---|"
for cmd in "$@"; do
    # shellcheck disable=SC2086
    /usr/bin/time -f "%e %U %S %M" -o "$out/time.txt" $cmd > /dev/null 2>&1 || true
    read -r secs user sys kb <<EOT
$(tail -n 1 "$out/time.txt")
EOT
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    echo "| ${cmd%% *} | $secs | $cpu | $((kb / 1024)) | $(awk "BEGIN { printf \"%.2f\", $kb * 1024 / $size }") |"
done
