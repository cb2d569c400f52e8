#!/bin/sh
# The git side of the command line, with the git program (tests only; zonelint
# itself reads repositories through libgit2): --install-hook, the installed
# pre-commit hook through real commits, and what --staged and --diff print
# and exit with.
suite=hook
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

# A git of our own: no user or system configuration, nothing from a git
# that runs these tests (from a hook, say).
unset GIT_DIR GIT_INDEX_FILE GIT_WORK_TREE GIT_COMMON_DIR
export HOME="$tmp" GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com \
    GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com NO_COLOR=1
mkdir "$tmp/bin" && ln -s "$bin" "$tmp/bin/zonelint"
PATH="$tmp/bin:$PATH"
# not TEXT DESCRIPTION: a check that failed when TEXT is not empty.
not() {
    n=$((n + 1))
    [ -z "$1" ] && return
    echo "FAIL $suite: $2"
    fail=$((fail + 1))
}

zone() {
    # shellcheck disable=SC2016 # the dollars are the zone file's
    printf '$ORIGIN example.com.\n$TTL 300\n@ IN SOA ns1 h 1 2 3 4 5\n  IN NS ns1\n'
    printf 'ns1 IN A 192.0.2.1\nt1._domainkey IN CNAME t1.dkim.amazonses.com.\n'
}
r="$tmp/repo"
git init -q "$r" && mkdir "$r/zones"
cwd=$r

expect 0 "install the hook" -- zonelint --install-hook
has "installed the zonelint pre-commit hook" "install message"
not "$(cmp "$r/.git/hooks/pre-commit" "$here/../hooks/pre-commit" 2>&1)" \
    "the installed hook is not hooks/pre-commit"
not "$(find "$r/.git/hooks/pre-commit" ! -perm -u+x)" "the installed hook is not executable"
cwd=$r/zones
expect 0 "install it again, from a subdirectory" -- zonelint --install-hook
has "already installed" "second install"

# A broken staged zone file stops the commit, with the findings shown.
{ zone; echo "bad IN A 256.1.1.1"; } > "$r/zones/db.example.com"
git -C "$r" add zones/db.example.com
cwd=$r
expect 1 "commit with a broken zone" -- git commit -q -m broken
has "zones/db.example.com:7:10: error: bad IPv4 address" "finding shown by the hook"
has "commit stopped" "hook says why"
has "zonelint --fix FILE" "hook suggests --fix"
expect 1 "nothing was committed" -- git rev-parse -q --verify HEAD

# What is staged counts, not the work tree.
zone > "$r/zones/db.example.com"
git -C "$r" add zones/db.example.com
echo "bad IN A 256.1.1.1" >> "$r/zones/db.example.com"
expect 0 "commit the fixed version, broken in the work tree only" -- git commit -q -m base
expect 1 "--diff HEAD reads the work tree" -- zonelint --diff HEAD
has "zones/db.example.com:7:10" "work tree finding"
# git commit -a and git commit FILE stage into a temporary index, which
# GIT_INDEX_FILE names: the hook reads that one.
expect 1 "git commit -a of a broken zone" -- git commit -q -a -m all
has "zones/db.example.com:7:10" "finding of the temporary index"
expect 1 "git commit FILE of a broken zone" -- git commit -q -m one zones/db.example.com
# A linked work tree shares the hook and has an index of its own.
git -C "$r" worktree add -q "$tmp/linked"
echo "bad IN A 256.1.1.1" >> "$tmp/linked/zones/db.example.com"
cwd=$tmp/linked
expect 1 "git commit -a in a linked work tree" -- git commit -q -a -m linked
has "zones/db.example.com:7:10" "finding in the linked work tree"
cwd=$r
zone > "$r/zones/db.example.com"

# An existing hook is never replaced.
printf '#!/bin/sh\nexit 0\n' > "$r/.git/hooks/pre-commit"
expect 2 "install over another hook" -- zonelint --install-hook
has "exists and is not zonelint's hook" "refusal"
not "$(grep zonelint "$r/.git/hooks/pre-commit")" "the other hook was replaced"

# core.hooksPath is where git looks, so that is where it goes.
git -C "$r" config core.hooksPath .githooks
cwd=$r/zones
expect 0 "install under core.hooksPath" -- zonelint --install-hook
not "$(find "$r/.githooks/pre-commit" ! -perm -u+x 2>&1)" "no hook in .githooks"
cwd=$r
expect 1 "the hook without zonelint on PATH" -- env PATH=/usr/bin:/bin sh .githooks/pre-commit
has "zonelint not found" "missing program named"

# --diff: new findings only, removed SES records, repository-relative paths
# from a subdirectory, SARIF and annotations.
{ zone | sed '/t1._domainkey/d'; echo "ns2 IN A 192.0.2.2"; } > "$r/zones/db.example.com"
cwd=$r/zones
expect 1 "--diff HEAD, a DKIM record removed" -- zonelint --diff HEAD --format github
has "::error file=zones/db.example.com,title=ses-record-removed::Easy DKIM CNAME removed" \
    "annotation"
expect 1 "--diff HEAD as SARIF" -- zonelint --diff HEAD --format sarif
has '"uri": "zones/db.example.com"' "SARIF path relative to the repository"
has '"ruleId": "ses-record-removed"' "SARIF result"
cwd=$r
expect 0 "--fail-on none" -- zonelint --diff HEAD --fail-on none
expect 0 "rule switched off" -- zonelint --diff HEAD --disable ses-record-removed
# A removal made on purpose: SES's data no longer lists the token, or the new
# file says so in a comment; the rule stays on.
expect 0 "SES data without the token" -- zonelint --diff HEAD \
    --expect "$here/fixtures/ses/data/example.com.json" --identity example.com
cp "$r/zones/db.example.com" "$tmp/edited"
echo "; zonelint-removed: t1._domainkey" >> "$r/zones/db.example.com"
expect 0 "removal acknowledged in the file" -- zonelint --diff HEAD
echo "; zonelint-removed: other._domainkey" >> "$tmp/edited"
cp "$tmp/edited" "$r/zones/db.example.com"
expect 1 "another name acknowledged" -- zonelint --diff HEAD
has "Easy DKIM CNAME removed" "acknowledging another name removes nothing"
git -C "$r" commit -q -a --no-verify -m "drop dkim"
expect 1 "--diff HEAD~1..HEAD" -- zonelint --diff HEAD~1..HEAD
has "zones/db.example.com:1:1: error: Easy DKIM CNAME removed" "commit range"
# An SPF record with include:amazonses.com is SES's only at a MAIL FROM
# domain (beside SES's feedback MX); elsewhere it is the owner's own.
{ zone; echo '@ IN TXT "v=spf1 include:amazonses.com ~all"'
  echo 'bounce IN MX 10 feedback-smtp.us-east-1.amazonses.com.'
  echo 'bounce IN TXT "v=spf1 include:amazonses.com ~all"'; } > "$r/zones/db.example.com"
git -C "$r" commit -q -a --no-verify -m "spf"
sed -i 's/^@ IN TXT .*/@ IN TXT "v=spf1 include:_spf.example.net ~all"/' "$r/zones/db.example.com"
expect 0 "the apex SPF edited" -- zonelint --diff HEAD
sed -i '/^bounce IN TXT/d' "$r/zones/db.example.com"
expect 1 "the MAIL FROM SPF removed" -- zonelint --diff HEAD
has "MAIL FROM" "the MAIL FROM SPF is SES's"
git -C "$r" checkout -q -- zones/db.example.com

# old_beside_new FILE LINE WHAT: beside the base's old finding, a clean line
# added reports nothing, then a bad one is reported alone (at LINE).
old_beside_new() {
    echo "ns3 IN A 192.0.2.3" >> "$r/zones/$1"
    expect 0 "$3: an old finding beside a clean change" -- zonelint --diff HEAD
    echo "new IN A 256.2.2.2" >> "$r/zones/$1"
    expect 1 "$3: a new finding of a rule the base also reported" -- zonelint --diff HEAD
    has "$1:$2:10: error: bad IPv4 address" "$3: the new finding"
    lacks "256.1.1.1" "$3: the old finding stays out"
}

# A finding the base had is not new. With no SES record gone, the base is
# linted only for the rules the new version reports; the result is the same.
{ zone; echo "old IN A 256.1.1.1"; } > "$r/zones/db.example.com"
git -C "$r" commit -q -a --no-verify -m "old finding"
old_beside_new db.example.com 9 "SES in the base"
sed -i '/t1._domainkey/d' "$r/zones/db.example.com"
expect 1 "an SES record removed beside an old finding" -- zonelint --diff HEAD
has "Easy DKIM CNAME removed" "the removal, with the base linted whole"
lacks "256.1.1.1" "the old finding stays out of a whole lint too"
git -C "$r" checkout -q -- zones/db.example.com

# A zone that mentions no SES record: the base is read only when the new
# version has findings or suppression comments to compare.
plain() {
    # shellcheck disable=SC2016 # the dollars are the zone file's
    printf '$ORIGIN example.net.\n$TTL 300\n@ IN SOA ns1 h 1 2 3 4 5\n  IN NS ns1\n'
    printf 'ns1 IN A 192.0.2.1\nold IN A 256.1.1.1\n'
}
plain > "$r/zones/db.example.net"
git -C "$r" add zones/db.example.net
git -C "$r" commit -q --no-verify -m "a zone without SES"
old_beside_new db.example.net 8 "no SES in the base"
plain | sed 's/^old IN A 256.1.1.1$/old IN A 256.1.1.1 ; zonelint-disable-line syntax-error/' \
    > "$r/zones/db.example.net"
expect 0 "no SES in the base: a suppression comment added" -- zonelint --diff HEAD
has "suppression-added" "the new comment, known only from the base's"
git -C "$r" checkout -q -- zones/db.example.net
# An $INCLUDE may bring SES records in: taking it away removes them.
printf 't2._domainkey IN CNAME t2.dkim.amazonses.com.\n' > "$r/zones/dkim.inc"
# shellcheck disable=SC2016 # the dollar is the zone file's
{ plain | sed '/^old/d'; echo '$INCLUDE dkim.inc'; } > "$r/zones/db.example.net"
git -C "$r" add zones
git -C "$r" commit -q --no-verify -m "dkim by include"
plain | sed '/^old/d' > "$r/zones/db.example.net"
expect 1 "an \$INCLUDE of SES records dropped" -- zonelint --diff HEAD
has "Easy DKIM CNAME removed" "the included record, removed"
git -C "$r" checkout -q -- zones/db.example.net

# Terraform: a module's records come from all its files, read from the
# commit or the index; removing a record resource removes its record.
mkdir "$r/infra"
cat > "$r/infra/zone.tf" <<'EOF'
resource "aws_route53_zone" "main" {
  name = "example.org"
}
locals {
  verification = "pmBGN/7MjnfhTKUZ06Enqq1PeGUaOkw8lGhcfwefcHU="
}
EOF
cat > "$r/infra/ses.tf" <<'EOF'
resource "aws_route53_record" "verification" {
  zone_id = aws_route53_zone.main.zone_id
  name    = "_amazonses"
  type    = "TXT"
  ttl     = 600
  records = [local.verification]
}
EOF
git -C "$r" add infra && git -C "$r" commit -q --no-verify -m "terraform"
printf '# no records any more\n' > "$r/infra/ses.tf"
git -C "$r" add infra
expect 1 "--diff HEAD, a Terraform record removed" -- zonelint --diff HEAD
has "infra/ses.tf.*verification TXT removed" "the removed record, value from zone.tf"
git -C "$r" checkout -q HEAD -- infra

# CloudFormation templates are told by content, in a change as in a folder;
# other JSON stays unread.
mkdir "$r/stack"
cp "$here/fixtures/ses/cloudformation/identity-clean.yaml" "$r/stack/mail.yaml"
echo '{"name": "not a template"}' > "$r/stack/package.json"
git -C "$r" add stack && git -C "$r" commit -q --no-verify -m "stack"
sed -i '/DkimDNSTokenName3/,/DkimDNSTokenValue3/d; /^        - Name:$/d' "$r/stack/mail.yaml"
expect 1 "--diff HEAD, a template's DKIM record sets dropped" -- \
    zonelint --diff HEAD --fail-on warning
has "stack/mail.yaml:.*only 2 of the 3 DKIM tokens of Identity" "the template, read by its content"
git -C "$r" add stack
expect 1 "--staged, the same template" -- zonelint --staged --fail-on warning
has "stack/mail.yaml:.*ses-dkim-incomplete" "the staged template"
echo '{"name": "still not a template"}' > "$r/stack/package.json"
git -C "$r" checkout -q HEAD -- stack/mail.yaml
git -C "$r" add stack
expect 0 "--staged, other JSON only" -- zonelint --staged --fail-on warning
lacks "package.json" "other JSON unread"
git -C "$r" checkout -q HEAD -- stack

# Usage and git errors exit 2, with a message.
expect 2 "--diff with a bad revision" -- zonelint --diff no-such-branch
has "no-such-branch" "bad revision named"
expect 2 "--staged with a file" -- zonelint --staged zones/db.example.com
expect 2 "--staged and --diff" -- zonelint --staged --diff HEAD
cwd=$tmp/bin
expect 2 "--staged outside a repository" -- zonelint --staged
has "not in a git repository" "no repository"
expect 2 "--install-hook outside a repository" -- zonelint --install-hook
git init -q "$tmp/empty"
cwd=$tmp/empty
expect 2 "--diff in an empty repository" -- zonelint --diff HEAD
has "no commits yet" "empty repository"
expect 0 "--staged in an empty repository" -- zonelint --staged

# A shallow clone lacks the base: say so.
git clone -q --depth 1 "file://$r" "$tmp/shallow"
cwd=$tmp/shallow
expect 2 "--diff beyond a shallow clone" -- zonelint --diff HEAD~1
has "shallow clone" "shallow hint"

echo "$n hook and git checks, $fail failure(s)"
[ "$fail" -eq 0 ]
