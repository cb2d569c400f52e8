#!/bin/sh
# make install and make uninstall into a scratch root; the manual pages and
# the shell completions in step with --help, --list-rules and the formats;
# builders' flags on the make command line.
suite=install
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
top=$(cd "$here/.." && pwd)
# Relative to the top, as the Makefile names it: an object rebuilt by `make
# install` would otherwise list its headers under an absolute name that no
# later build looks up, and a changed header would leave it stale.
build=$(dirname "$bin")
build=${build#"$top"/}
root=$tmp/root

# check DESCRIPTION CONDITION...: one test of a shell condition.
check() {
    what=$1
    shift
    n=$((n + 1))
    if ! "$@"; then
        echo "FAIL $suite: $what"
        fail=$((fail + 1))
    fi
}

cwd=$top expect 0 "make install" -- make -s BUILD="$build" DESTDIR="$root" PREFIX=/usr install
for f in bin/zonelint share/man/man1/zonelint.1 share/man/man7/zonelint-rules.7 \
    share/bash-completion/completions/zonelint share/zsh/site-functions/_zonelint \
    share/fish/vendor_completions.d/zonelint.fish share/doc/zonelint/README.md \
    share/doc/zonelint/CHANGELOG.md share/doc/zonelint/LICENSE share/doc/zonelint/rules.md; do
    check "installed /usr/$f" test -f "$root/usr/$f"
done
check "the binary is executable" test -x "$root/usr/bin/zonelint"
expect 0 "the installed binary runs" -- "$root/usr/bin/zonelint" --version
has "^libraries: ldns " "--version names the libraries"

# The pages render without a warning and say what the binary says.
for page in man1/zonelint.1 man7/zonelint-rules.7; do
    expect 0 "$page renders" -- sh -c "LC_ALL=C.UTF-8 groff -man -ww -z -Tutf8 \
        '$root/usr/share/man/$page' 2>&1 | (! grep .)"
done
man -l -Tutf8 "$root/usr/share/man/man1/zonelint.1" 2>/dev/null | col -b > "$tmp/man1"
man -l -Tutf8 "$root/usr/share/man/man7/zonelint-rules.7" 2>/dev/null | col -b > "$tmp/man7"
options=$("$bin" --help | grep -o -- '--[a-z][a-z-]*' | sort -u)
check "--help names options" test -n "$options"
for o in $options; do
    check "zonelint(1) names $o" grep -q -- "$o" "$tmp/man1"
    for c in zonelint.bash _zonelint zonelint.fish; do
        case $c in zonelint.fish) word="-l ${o#--} " ;; *) word="$o" ;; esac
        check "completions/$c completes $o" grep -q -- "$word" "$top/completions/$c"
    done
done
"$bin" --list-rules | while read -r id _; do
    grep -q "^ *$id\$" "$tmp/man7" || echo "$id"
done > "$tmp/missing"
check "zonelint-rules(7) has a section for every rule: $(cat "$tmp/missing")" test ! -s "$tmp/missing"
check "zonelint-rules(7) explains" grep -q "Suppress one record" "$tmp/man7"
# The value lists of --format, --input-format and --publisher, as the
# binary's messages name them, in every completion.
"$bin" --format x - < /dev/null > "$tmp/out" 2>&1
formats=$(sed -n "s/.*unknown format 'x' (\(.*\))/\1/p" "$tmp/out" | tr -d ,)
"$bin" --input-format x - < /dev/null > "$tmp/out" 2>&1
inputs=$(sed -n "s/.*unknown format 'x' (\(.*\))/\1/p" "$tmp/out" | tr -d ,)
"$bin" --publisher x - < /dev/null > "$tmp/out" 2>&1
publishers=$(sed -n "s/.*unknown publisher 'x' (\(.*\))/\1/p" "$tmp/out" | tr -d ,)
check "formats named" test -n "$formats" -a -n "$inputs" -a -n "$publishers"
for c in zonelint.bash _zonelint zonelint.fish; do
    for v in $formats $inputs $publishers; do
        check "completions/$c offers $v" grep -Eq -- "(^|[ '\"(])$v([ ')\"]|\$)" "$top/completions/$c"
    done
done
# bash completes an option and a rule id with the installed script.
expect 0 "bash completion" -- bash -c ". '$root/usr/share/bash-completion/completions/zonelint'
    COMP_WORDS=(zonelint --expl); COMP_CWORD=1; _zonelint; echo \"\${COMPREPLY[*]}\"
    COMP_WORDS=('$bin' --disable missing-tr); COMP_CWORD=2; _zonelint; echo \"\${COMPREPLY[*]}\""
has "^--explain$" "bash completes --expl"
has "^missing-trailing-dot$" "bash completes a rule id"

# zsh reads its completion; fish completes with its own.
fishc=$root/usr/share/fish/vendor_completions.d/zonelint.fish
expect 0 "zsh parses _zonelint" -- zsh -n "$root/usr/share/zsh/site-functions/_zonelint"
expect 0 "fish completion" -- env HOME="$tmp" XDG_CONFIG_HOME="$tmp/.config" \
    XDG_DATA_HOME="$tmp/.local" PATH="$(dirname "$bin"):$PATH" fish -c "source '$fishc'
    complete -C 'zonelint --colu'; complete -C 'zonelint --disable missing-tr'
    complete -C 'zonelint --format '"
has "^--column-unit" "fish completes --colu"
has "^missing-trailing-dot" "fish completes a rule id"
has "^rdjson" "fish completes a format"

cwd=$top expect 0 "make uninstall" -- make -s BUILD="$build" DESTDIR="$root" PREFIX=/usr uninstall
left=$(find "$root" -type f)
check "uninstall removes every file: $left" test -z "$left"

# Builders' flags on the command line add to what zonelint needs; -Werror
# only with WERROR=1. (make -n: the commands, without building.)
# The variables of a make that runs this test are left out.
flags() {
    (cd "$top" && env -u MAKEFLAGS -u MFLAGS -u MAKEOVERRIDES -u MAKELEVEL -u WERROR -u CFLAGS \
        -u CPPFLAGS -u LDFLAGS -u SAN_FLAGS -u BUILD \
        make -n -B BUILD="$tmp/b" "$@" "$tmp/b/obj/lint/cli/main.o")
}
flags CPPFLAGS=-DZL_TEST_FLAG CFLAGS=-O1 > "$tmp/out"
has "-D_POSIX_C_SOURCE=200809L .*-DZL_TEST_FLAG" "command-line CPPFLAGS keep the feature macros"
has " -O1" "command-line CFLAGS used"
lacks "-Werror" "no -Werror by default"
flags WERROR=1 > "$tmp/out"
has "-Werror" "-Werror with WERROR=1"

# The README links only files of the repository, and each exists.
links=$(grep -o '\]([^)#]*' "$top/README.md" | sed 's/^](//' | sort -u)
for l in $links; do
    case $l in
    *:*|/*|../*) check "README links $l, outside the repository" false ;;
    *) check "README's link $l exists" test -e "$top/$l" ;;
    esac
done

# The version: make VERSION=..., else a v-tag, else CHANGELOG.md's newest
# release.
(cd "$top" && env -u MAKEFLAGS -u MAKELEVEL make -s BUILD="$tmp/b" VERSION=9.8.7 \
    "$tmp/b/gen/version.c")
check "make VERSION=9.8.7" grep -q '"9.8.7"' "$tmp/b/gen/version.c"
v=$tmp/v
mkdir -p "$v/scripts" && cp "$top/scripts/version" "$v/scripts/"
printf '# Changelog\n\n## Unreleased\n\n## 3.4.5 - 2030-01-01\n\n## 3.4.4 - 2029-01-01\n' \
    > "$v/CHANGELOG.md"
check "without git, CHANGELOG.md's newest release" test "$("$v/scripts/version")" = 3.4.5
(cd "$v" && git init -q && git add . && git -c user.name=t -c user.email=t@example.com \
    commit -qm v && git tag v4.0.0)
check "a v-tag" test "$("$v/scripts/version")" = 4.0.0

echo "$n install checks, $fail failure(s)"
[ "$fail" -eq 0 ]
