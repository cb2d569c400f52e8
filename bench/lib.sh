# shellcheck shell=sh
# Shared by the git benchmarks (sourced): time a command run in a folder,
# with hyperfine when it is installed, else once.
#   bench_run DIR LABEL WARMUP RUNS COMMAND...
bench_run() {
    dir=$1 label=$2 warmup=$3 runs=$4
    shift 4
    echo "== $label"
    if command -v hyperfine > /dev/null; then
        (cd "$dir" && hyperfine -N -w "$warmup" -r "$runs" -i "$*")
    else
        (cd "$dir" && /usr/bin/time -f "%e s" "$@" > /dev/null)
    fi
}
