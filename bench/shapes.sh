#!/bin/bash
# Benchmark (not a test): how zonelint's time grows on adversarial zone shapes.
# Each shape (bench/gen_shapes.c) is written at N and 4N records; zonelint,
# named-checkzone, kzonecheck and validns read the same file in one run, in
# alternating order, and the table shows the median wall time of each at 4N,
# the growth factor 4N/N (4 is linear) and zonelint's peak memory against
# the file size.
#   bench/shapes.sh [N] [SHAPE...]      (default N 25000, every shape)
# RUNS (default 3) sets the number of alternating rounds; a peer run is cut
# off after LIMIT seconds (default 10; shown as ">LIMIT"). Missing peers are
# skipped. ZONELINT names another zonelint binary (a before-and-after table).
# "ses-expect" is the SES identities' zone with SES's data beside it (given
# to zonelint with --expect; the peers read the zone alone).
# "dnscontrol-domains" and "plan-zones" are exports of many zones in one
# file (dnscontrol's JSON, a Terraform plan), "route53-routing" and
# "terraform-routing" weighted record sets, two of each name, in a Route 53
# export and in a Terraform configuration, "terraform-ses" SES identities
# in Terraform, each with one DKIM record, "cloudformation-ses" the same
# with a MAIL FROM MX each in a CloudFormation template: inputs only
# zonelint reads.
# "many-files" and "many-includes" (zones that $INCLUDE files of their own)
# are directories of zone files, which only zonelint
# reads in one run; "signed" is a prefix of the signed root zone from
# ../shared/corpus (at most its 22,000 records, so N is capped at 5,000).
set -eu
cd "$(dirname "$0")/.."
n=${1:-25000}
[ $# -gt 0 ] && shift
runs=${RUNS:-3}
limit=${LIMIT:-10}
out=bench/out/shapes
mkdir -p "$out"
cc -O2 -o "$out/gen_shapes" bench/gen_shapes.c
[ -x build/zonelint ] || make
zonelint=${ZONELINT:-$(pwd)/build/zonelint}
root_zone=$(pwd)/../shared/corpus/big/root.zone
if [ $# -gt 0 ]; then shapes=("$@"); else
    mapfile -t shapes < <("$out/gen_shapes" list)
    [ -f "$root_zone" ] && shapes+=(signed)
fi

# The zone to read for SHAPE at RECORDS: "DIR FILE ORIGIN" (the checkers run
# in DIR, so $INCLUDE paths resolve).
prepare() {
    local shape=$1 records=$2 path=$out/$1.$2
    case $shape in
    signed)
        [ -f "$path" ] || head -n "$records" "$root_zone" > "$path"
        echo "$out $shape.$records ."
        ;;
    include-tree)
        [ -d "$path" ] || "$out/gen_shapes" "$shape" "$records" "$path"
        echo "$path db.bench.example bench.example"
        ;;
    terraform-routing | terraform-ses)
        [ -d "$path" ] || "$out/gen_shapes" "$shape" "$records" "$path"
        echo "$path main.tf bench.example"
        ;;
    *)
        [ -e "$path" ] || "$out/gen_shapes" "$shape" "$records" "$path"
        echo "$out $shape.$records bench.example"
        ;;
    esac
}

# Whether the peers read SHAPE: one master file (not a directory of them,
# nor an export of many zones).
master_text() {
    case $1 in many-* | dnscontrol-* | plan-* | route53-* | terraform-* | cloudformation-*) return 1 ;; esac
}

# The command line of CHECKER on FILE with ORIGIN, or nothing when it cannot
# read the shape in one run.
command_for() {
    local checker=$1 shape=$2 file=$3 origin=$4
    [ "$checker" = zonelint ] || master_text "$shape" || return 0
    case $checker in
    zonelint)
        if [ "$shape" = ses-expect ]; then
            echo "$zonelint --no-config --region us-east-1 --expect $file.json $file"
        else
            echo "$zonelint --no-config $file"
        fi
        ;;
    named-checkzone) echo "timeout $limit named-checkzone -i local $origin $file" ;;
    kzonecheck) echo "timeout $limit kzonecheck -o $origin $file" ;;
    validns) echo "timeout $limit validns -z $origin $file" ;;
    esac
}

checkers=(zonelint)
for c in named-checkzone kzonecheck validns; do
    command -v "$c" > /dev/null && checkers+=("$c")
done

# Wall seconds of one run of a command in DIR.
wall() {
    local dir=$1
    shift
    local start=$EPOCHREALTIME
    (cd "$dir" && "$@" > /dev/null 2>&1) || true
    local end=$EPOCHREALTIME
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f\n", b - a }'
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

header="| shape | zonelint 4N s | growth | peak MB / file size"
rule="|---|---|---|---"
for c in "${checkers[@]:1}"; do
    header+=" | $c 4N s | growth"
    rule+="|---|---"
done
echo "N = $n, 4N = $((4 * n)); median of $runs alternating rounds, wall seconds"
echo
echo "$header |"
echo "$rule|"
for shape in "${shapes[@]}"; do
    small=$n
    [ "$shape" = signed ] && [ "$small" -gt 5000 ] && small=5000
    large=$((4 * small))
    declare -A times=()
    for size in "$small" "$large"; do
        read -r dir file origin <<< "$(prepare "$shape" "$size")"
        for ((r = 0; r < runs; r++)); do
            for c in "${checkers[@]}"; do
                cmd=$(command_for "$c" "$shape" "$file" "$origin")
                [ -n "$cmd" ] || continue
                # shellcheck disable=SC2086
                times[$c.$size]+="$(wall "$dir" $cmd) "
            done
        done
        if [ "$size" = "$large" ]; then
            # shellcheck disable=SC2086
            (cd "$dir" && /usr/bin/time -f "%M" -o "$OLDPWD/$out/mem.txt" \
                $(command_for zonelint "$shape" "$file" "$origin") > /dev/null 2>&1) || true
            bytes=$(du -sb "$dir/$file" | cut -f1)
            [ "$shape" = include-tree ] && bytes=$(du -sb "$dir" | cut -f1)
            mem=$(awk -v kb="$(tail -n 1 "$out/mem.txt")" -v b="$bytes" \
                'BEGIN { printf "%d / %.2f", kb / 1024, kb * 1024 / b }')
        fi
    done
    row="| $shape"
    for c in "${checkers[@]}"; do
        if [ -z "${times[$c.$small]:-}" ]; then
            row+=" | n/a | n/a"
        else
            t1=$(tr ' ' '\n' <<< "${times[$c.$small]}" | grep . | median)
            t4=$(tr ' ' '\n' <<< "${times[$c.$large]}" | grep . | median)
            row+=$(awk -v a="$t1" -v b="$t4" -v l="$limit" 'BEGIN {
                if (b >= l) printf " | >%d | n/a", l; else printf " | %.3f | %.1fx", b, (a > 0) ? b / a : 0 }')
        fi
        [ "$c" = zonelint ] && row+=" | $mem"
    done
    echo "$row |"
    unset times
done
