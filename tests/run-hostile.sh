#!/bin/sh
# Hostile input (issue 15): what a pull request from a stranger can put in
# front of zonelint in CI. Each probe runs under a time and memory bound and
# prints one row of a table: time, peak memory, exit status, verdict. A probe
# fails when it runs out of its bounds, when a byte of a file outside the
# allowed roots (marked SECRET7f3a) appears in any output, or when the gate it
# attacks opens.
suite=hostile
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

unset GIT_DIR GIT_INDEX_FILE GIT_WORK_TREE GIT_COMMON_DIR AWS_REGION AWS_DEFAULT_REGION
export HOME="$tmp" GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com \
    GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com NO_COLOR=1

# The bounds leave room for a loaded machine: on an idle one each probe
# takes at most a few seconds. Sanitizer builds reserve terabytes of
# address space and run several times slower: no address-space limit for
# them, and the large inputs a tenth of the size (big=100000, not 1000000).
if grep -q __asan_init "$bin"; then
    limit_s=60 limit_mb=1500 as= big=100000
else
    limit_s=30 limit_mb=800 as="prlimit --as=3000000000 --" big=1000000
fi
secret=SECRET7f3a
esc=$(printf '\033')
row_fail=0

# probe NAME -- COMMAND...: run it in $cwd (default $tmp) with the bounds;
# output in $tmp/out, exit status in $rc.
probe() {
    name=$1
    shift 2
    # shellcheck disable=SC2086 # $as is a command prefix or nothing
    (cd "${cwd:-$tmp}" && /usr/bin/time -f '%e %M' -o "$tmp/tm" \
        timeout -s KILL "$limit_s" $as "$@") > "$tmp/out" 2>&1
    rc=$?
    read -r secs kb <<EOF
$(tail -n 1 "$tmp/tm" 2>/dev/null)
EOF
    case $secs in [0-9]*) ;; *) secs=$limit_s; kb=0 ;; esac
    mb=$((kb / 1024))
    bounded=yes
    [ "$rc" -eq 137 ] || [ "$rc" -eq 124 ] && bounded=no
    [ "$mb" -gt "$limit_mb" ] && bounded=no
    [ "$bounded" = no ] && bad "out of bounds (${limit_s}s, ${limit_mb}MB)"
}
bad() {
    row_fail=1
    why="${why:+$why; }$1"
}
# want STATUS: the probe exited with STATUS.
want() { [ "$rc" -eq "$1" ] || bad "exit $rc, expected $1"; }
yes_() { grep -q -- "$1" "$tmp/out" || bad "no '$1'"; }
no_() { grep -q -- "$1" "$tmp/out" && bad "has '$1'"; }
no_secret() { grep -q "$secret" "$tmp/out" && bad "outside bytes in the output"; }
# row: print the table row of the last probe and count it.
row() {
    n=$((n + 1))
    verdict=ok
    [ "$row_fail" -eq 1 ] && { verdict="FAIL: $why"; fail=$((fail + 1)); }
    printf '| %-38s | %6ss | %5s MB | %3s | %s |\n' "$name" "$secs" "$mb" "$rc" "$verdict"
    why= row_fail=0
}
# every_format NAME -- COMMAND...: the probe once per output format (the
# first row's numbers are the text run's), the outputs concatenated.
every_format() {
    nm=$1
    shift 2
    : > "$tmp/all"
    for f in json sarif github text; do
        probe "$nm" -- "$@" --format "$f"
        cat "$tmp/out" >> "$tmp/all"
    done
    cp "$tmp/all" "$tmp/out"
}

echo "| probe | time | memory | exit | verdict |"
echo "|---|---|---|---|---|"

# 1. Files outside the repository or the argument's folder.
mkdir -p "$tmp/outside" "$tmp/p"
printf '%s %s\n' "$secret" "$secret" > "$tmp/outside/secret.txt"
head='$ORIGIN example.com.\n$TTL 300\n@ IN SOA ns1 h 1 2 3 4 5\n  IN NS ns1\nns1 IN A 192.0.2.1\n'
# shellcheck disable=SC2059 # the zone's dollars are meant
printf "$head"'$INCLUDE %s\n' "$tmp/outside/secret.txt" > "$tmp/p/abs.example.com.zone"
# shellcheck disable=SC2059
printf "$head"'$INCLUDE ../outside/secret.txt\n' > "$tmp/p/dotdot.example.com.zone"
ln -s ../outside/secret.txt "$tmp/p/link.txt"
# shellcheck disable=SC2059
printf "$head"'$INCLUDE link.txt\n' > "$tmp/p/link.example.com.zone"
# shellcheck disable=SC2059
printf "$head"'$INCLUDE /proc/self/environ\n' > "$tmp/p/environ.example.com.zone"
# shellcheck disable=SC2059
printf "$head"'$INCLUDE /dev/zero\n' > "$tmp/p/zero.example.com.zone"
cwd=$tmp/p
every_format "absolute \$INCLUDE" -- "$bin" --no-config abs.example.com.zone
want 1; no_secret; yes_ input-refused; row
every_format "\$INCLUDE ../ escape" -- "$bin" --no-config dotdot.example.com.zone
want 1; no_secret; yes_ input-refused; row
every_format "\$INCLUDE of a symlink outside" -- "$bin" --no-config link.example.com.zone
want 1; no_secret; yes_ input-refused; row
every_format "\$INCLUDE /proc/self/environ" -- env -i "ZL=$secret" "$bin" --no-config environ.example.com.zone
want 1; no_secret; yes_ input-refused; row
probe "\$INCLUDE /dev/zero" -- "$bin" --no-config zero.example.com.zone
want 1; yes_ input-refused; row
# A file missing outside is refused as a present one is: input learns
# nothing of what exists there.
# shellcheck disable=SC2059
printf "$head"'$INCLUDE ../outside/no-such-file.txt\n' > "$tmp/p/missing.example.com.zone"
probe "\$INCLUDE of a missing file outside" -- "$bin" --no-config missing.example.com.zone
want 1; yes_ input-refused; no_ "No such file"; row
probe "--include-root widens on purpose" -- "$bin" --no-config --include-root ../outside dotdot.example.com.zone
want 1; yes_ "$secret"; no_ input-refused; row
mkdir -p "$tmp/p/zones"
ln -s ../../outside/secret.txt "$tmp/p/zones/db.leak.example"
every_format "directory: zone-named link out" -- "$bin" --no-config zones
no_secret; row

# The same through --diff in work-tree mode (the README's CI step).
r=$tmp/repo
git init -q "$r"
# shellcheck disable=SC2059
printf "$head" > "$r/example.com.zone"
(cd "$r" && git add . && git commit -qm base)
# shellcheck disable=SC2059
printf "$head"'$INCLUDE ../outside/secret.txt\n$INCLUDE %s\n' "$tmp/outside/secret.txt" > "$r/example.com.zone"
cwd=$r
every_format "--diff HEAD: includes outside" -- "$bin" --no-config --diff HEAD
want 1; no_secret; yes_ input-refused; row

# 2. The pull request controls its own gate.
g=$tmp/gate
git init -q "$g"
# shellcheck disable=SC2059
printf "$head" > "$g/example.com.zone"
(cd "$g" && git add . && git commit -qm base)
# shellcheck disable=SC2059
printf "$head"'bad IN A 256.0.0.1\n' > "$g/example.com.zone"
echo '{"fail_on": "none", "rules": {"syntax-error": "off"}, "ignore": ["*"]}' > "$g/.zonelint.json"
(cd "$g" && git add . && git commit -qm pr)
cwd=$g
probe "PR config off, --diff HEAD^1 (work tree)" -- "$bin" --diff HEAD^1
want 1; yes_ gate-config-changed; yes_ syntax-error; row
probe "PR config off, --diff HEAD^1..HEAD" -- "$bin" --diff HEAD^1..HEAD
want 1; yes_ gate-config-changed; row
# shellcheck disable=SC2059
printf "$head"'bad IN A 256.0.0.1 ; zonelint-disable-line syntax-error\n' > "$g/example.com.zone"
rm "$g/.zonelint.json"
(cd "$g" && git rm -q --cached .zonelint.json && git add . && git commit -qm pr2)
probe "PR adds a suppression comment" -- "$bin" --diff HEAD~2
yes_ suppression-added; row
# --staged: the index's configuration, not the work tree's.
# shellcheck disable=SC2059
printf "$head"'worse IN A 256.0.0.2\n' > "$g/example.com.zone"
(cd "$g" && git add example.com.zone)
echo '{"rules": {"syntax-error": "off"}}' > "$g/.zonelint.json"
probe "--staged: work-tree config ignored" -- "$bin" --staged
want 1; yes_ syntax-error; row
rm "$g/.zonelint.json"
# SES data and the configuration file itself, confined like includes.
mkdir -p "$tmp/s"
printf '{"ses": [{"identity": "example.com", "expect": "../outside/secret.txt"}]}\n' > "$tmp/s/.zonelint.json"
# shellcheck disable=SC2059
printf "$head" > "$tmp/s/example.com.zone"
cwd=$tmp/s
every_format "config ses.expect outside" -- "$bin" example.com.zone
no_secret; yes_ input-refused; row
rm "$tmp/s/.zonelint.json"
printf '{"rules": {"%s": "off"}}\n' "$secret" > "$tmp/outside/cfg.json"
ln -s ../outside/cfg.json "$tmp/s/.zonelint.json"
probe "config is a symlink outside" -- "$bin" example.com.zone
no_secret; yes_ input-refused; row
rm "$tmp/s/.zonelint.json"

# 3. Directory walk.
d=$tmp/walk
mkdir -p "$d/sub" "$d/two"
# shellcheck disable=SC2059
printf "$head"'bad IN A 256.0.0.1\n' > "$d/sub/db.example.com"
ln -s .. "$d/sub/loop"
ln -s . "$d/two/a" && ln -s . "$d/two/b"
# shellcheck disable=SC2059
printf "$head"'bad IN A 256.0.0.1\n' > "$d/two/db.example.com"
cwd=$d
probe "walk: symlink loop" -- "$bin" --no-config sub
c=$(grep -c "error: .*syntax-error" "$tmp/out")
[ "$c" -eq 1 ] || bad "$c findings for 1 record"
row
probe "walk: two links to ." -- "$bin" --no-config two
c=$(grep -c "error: .*syntax-error" "$tmp/out")
[ "$c" -eq 1 ] || bad "$c findings for 1 record"
row
mkdir -p "$d/root" && ln -s / "$d/root/fs"
probe "walk: link to /" -- "$bin" --no-config root
row
mkdir -p "$d/dangle" && ln -s nowhere "$d/dangle/db.gone.example"
probe "walk: dangling zone-named link" -- "$bin" --no-config dangle
want 2; yes_ db.gone.example; row
mkfifo "$d/fifo.zone"
probe "FIFO argument" -- "$bin" --no-config fifo.zone
want 1; yes_ input-refused; row

# 4. Small inputs, huge cost.
h=$tmp/cost
mkdir -p "$h"
cwd=$h
# $GENERATE: a million records from one line; then a fifth of that, each
# with a finding (positions used to be found from the start of the
# expansion: quadratic), every finding at the template's token x$, 1000 of
# them shown and one "and N more".
# shellcheck disable=SC2016 # a $GENERATE template
printf '$ORIGIN example.com.\n$TTL 300\n$GENERATE 0-%d h$ A 192.0.2.1\n' $((big - 1)) > "$h/gen.zone"
probe "\$GENERATE 0-$((big - 1)) ($(wc -c < "$h/gen.zone") bytes)" -- "$bin" --no-config gen.zone
row
many=$((big / 5))
# shellcheck disable=SC2016
printf '$ORIGIN example.com.\n$TTL 300\n$GENERATE 0-%d h$ CNAME x$.example.com\n' $((many - 1)) > "$h/genf.zone"
probe "\$GENERATE of $many findings" -- "$bin" --no-config --format json genf.zone
range="0-$((many - 1))" col=$((21 + ${#range}))
c=$(grep -c "\"column\": $col," "$tmp/out")
[ "$c" -eq 1000 ] || bad "$c findings at column $col, expected 1000"
yes_ "and $((many - 1000)) more findings of missing-trailing-dot"; row
# shellcheck disable=SC2016
printf '$GENERATE 0-1 h$ A 192.0.2.1 ; one of 20000\n' > "$h/line"
{ printf '$ORIGIN example.com.\n$TTL 300\n'; for _ in 1 2 3 4 5 6 7 8 9 10; do cat "$h/line" "$h/line" "$h/line" "$h/line" "$h/line" "$h/line" "$h/line" "$h/line" "$h/line" "$h/line"; done; } > "$h/chunk"
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do cat "$h/chunk"; done
done > "$h/many.zone"
probe "20,000 \$GENERATE lines" -- "$bin" --no-config many.zone
row
# An alias bomb: 100 keys of 100 records of 100 values in 2 KB.
{
    printf 'k0: &L [&r {type: TXT, values: [a'
    i=1; while [ $i -lt 100 ]; do printf ', a'; i=$((i + 1)); done
    printf ']}'
    i=1; while [ $i -lt 100 ]; do printf ', *r'; i=$((i + 1)); done
    echo ']'
    i=1; while [ $i -lt 100 ]; do echo "k$i: *L"; i=$((i + 1)); done
} > "$h/example.com.yaml"
probe "YAML alias bomb, $(wc -c < "$h/example.com.yaml") bytes" -- "$bin" --no-config --input-format octodns example.com.yaml
want 2; row
# Many anchors: libyaml's own loader looked each one up among all before it
# (50,000 of them took 4 s).
awk 'BEGIN { for (i = 0; i < 200000; i++) printf "r%d: &a%d {type: A, value: 192.0.2.1}\n", i, i }' > "$h/anchors.yaml"
probe "YAML with 200,000 anchors" -- "$bin" --no-config --input-format octodns --origin example.com anchors.yaml
want 0; row
awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "["; print "" }' > "$h/deep.yaml"
probe "YAML nested 10^6 deep" -- "$bin" --no-config --input-format octodns deep.yaml
want 2; row
# Long lines: the 64 MiB the zone may read are few records, so that the
# sanitizer build, too, gets there quickly.
awk -v n=$((big / 250)) 'BEGIN { p = sprintf("%400s", ""); gsub(/ /, "x", p)
    for (i = 0; i < n; i++) printf "h%d IN A 192.0.2.1 ; %s\n", i, p }' > "$h/big.txt"
{ printf '$ORIGIN example.com.\n$TTL 300\n'; i=0; while [ $i -lt 4096 ]; do echo "\$INCLUDE big.txt s$i"; i=$((i + 1)); done; } > "$h/inc.zone"
probe "$(($(wc -c < "$h/big.txt") / 1000)) KB file included 4096 times" -- "$bin" --no-config inc.zone
yes_ input-refused; row
awk -v n=$((big / 5)) 'BEGIN { print "$ORIGIN example.com.\n$TTL 300"; for (i = 0; i < n; i++) print "a IN A 256.0.0.1" }' > "$h/findings.zone"
probe "$((big / 5)) findings as SARIF" -- "$bin" --no-config --format sarif findings.zone
want 1; row
probe "$((big / 5)) findings as JSON" -- "$bin" --no-config --format json findings.zone
want 1; row

# 5. Injection: control bytes and forged lines.
i=$tmp/inj
mkdir -p "$i/z"
printf '$ORIGIN example.com.\n$TTL 300\na IN \033]0;PWNED\007\033]52;c;ZXZpbA==\007 x\nb IN \377\376bad x\n' > "$i/esc.zone"
printf 'a IN A 192.0.2.1 ; zonelint-disable-line \033]0;x\007\n' >> "$i/esc.zone"
cwd=$i
probe "ESC/OSC in a message (text)" -- "$bin" --no-config --color never esc.zone
no_ "$esc"; row
printf '$ORIGIN example.com.\n$TTL 300\nx IN TXT "\033]0;PWNED\007 hello "\n' > "$i/fix.zone"
probe "ESC/OSC in a fix: line (text)" -- "$bin" --no-config --color never fix.zone
no_ "$esc"; grep -q 'fix: ' "$tmp/out" || bad "no fix: line shown"; row
probe "ESC and bad UTF-8 (github)" -- "$bin" --no-config --format github esc.zone
no_ "$esc"; LC_ALL=C grep -q "$(printf '\377')" "$tmp/out" && bad "invalid UTF-8 passed"; row
nl='
'
printf '$ORIGIN example.com.\n$TTL 300\na IN A 256.0.0.1\n' > "$i/z/evil${nl}x.zone:1:1: error: forged [syntax-error]${nl}.zone"
probe "file name forging a finding" -- "$bin" --no-config z
grep -q '^x.zone:1:1: error: forged' "$tmp/out" && bad "forged line"
row
probe "forged name (github)" -- "$bin" --no-config --format github z
grep -q '^x.zone:1:1: error: forged' "$tmp/out" && bad "forged line"
row

# 6. Smaller: configuration errors name the file and the key, and do not
# echo their values.
cwd=$tmp/s
awk 'BEGIN { printf "{\"zones\": [{\"path\": \"*.zone\", \"format\": \""; for (i = 0; i < 500000; i++) printf "x"; print "\"}]}" }' > "$tmp/s/.zonelint.json"
probe "config: 500 KB unknown format value" -- "$bin" example.com.zone
want 2; yes_ ".zonelint.json"; yes_ format
[ "$(wc -c < "$tmp/out")" -lt 2000 ] || bad "the value is echoed"
row
rm "$tmp/s/.zonelint.json"
# --install-hook with a core.hooksPath it cannot resolve installs nothing.
git init -q "$tmp/hk" && git -C "$tmp/hk" config core.hooksPath '~nosuchuser/hooks'
cwd=$tmp/hk
probe "--install-hook, unresolvable hooksPath" -- "$bin" --install-hook
want 2; yes_ "nothing was installed"; row

echo "$n hostile probes, $fail failure(s)"
[ "$fail" -eq 0 ]
