#!/bin/sh
# The command line: exit codes, options, messages, colour, configuration.
suite=cli
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

cat > "$tmp/clean.zone" <<'Z'
$ORIGIN example.com.
$TTL 300
@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300
  IN NS ns1
ns1 IN A 192.0.2.1
Z
cat > "$tmp/warn.zone" <<'Z'
$ORIGIN example.com.
$TTL 300
a IN A 192.0.2.1
a 60 IN A 192.0.2.2
@ IN SOA ns1.example.net. hostmaster.example.net. 1 7200 3600 1209600 300
@ IN NS ns1.example.net.
Z
cat > "$tmp/err.zone" <<'Z'
$ORIGIN example.com.
$TTL 300
a IN A 256.0.0.1
@ IN SOA ns1.example.net. hostmaster.example.net. 1 7200 3600 1209600 300
@ IN NS ns1.example.net.
Z
printf 'a 300 IN A 192.0.2.1\n@ 300 IN SOA ns1.example.net. h.example.net. 1 2 3 4 5\n@ 300 IN NS ns1.example.net.\n' > "$tmp/noorigin"

expect 0 "clean zone" -- "$bin" --no-config clean.zone
expect 1 "error finding" -- "$bin" --no-config err.zone
has "err.zone:3:8: error: " "gcc-style position"
expect 0 "warning below the default threshold" -- "$bin" --no-config warn.zone
has "warning:" "warning shown"
expect 1 "--fail-on warning" -- "$bin" --no-config --fail-on warning warn.zone
expect 0 "--fail-on none" -- "$bin" --no-config --fail-on none err.zone
expect 0 "--disable" -- "$bin" --no-config --disable syntax-error err.zone
lacks "syntax-error" "--disable hides the rule"
expect 2 "--disable unknown rule" -- "$bin" --no-config --disable no-such-rule clean.zone
expect 2 "unknown option" -- "$bin" --no-config --bogus clean.zone
expect 2 "bad --format" -- "$bin" --no-config --format xml clean.zone
has "unknown format 'xml' (text, " "the formats named"
# Every format the message names writes a report that finds the error.
formats=$(sed -n "s/.*unknown format 'xml' (\(.*\))/\1/p" "$tmp/out" | tr -d ,)
for f in $formats; do
    expect 1 "--format $f" -- "$bin" --no-config --format "$f" err.zone
    has "syntax-error" "--format $f reports the finding"
done
expect 2 "no input" -- "$bin" --no-config
expect 2 "missing file" -- "$bin" --no-config does-not-exist.zone
has "does-not-exist.zone" "missing file named"
expect 2 "no origin" -- "$bin" --no-config noorigin
has "origin is unknown" "no-origin message"
expect 0 "--origin" -- "$bin" --no-config --origin example.com noorigin
expect 0 "stdin" -- sh -c "'$bin' --no-config --origin example.com - < clean.zone"
expect 1 "--jobs 1 gives the same findings" -- "$bin" --no-config --jobs 1 err.zone
has "err.zone:3:8: error: " "single-threaded run"
# A Terraform module linted from its own folder ("."): its files and
# terraform.tfvars are read together.
mkdir -p "$tmp/tfmod"
printf 'variable "domain" {\n  type = string\n}\n' > "$tmp/tfmod/variables.tf"
printf 'domain = "example.com"\n' > "$tmp/tfmod/terraform.tfvars"
printf 'resource "digitalocean_record" "www" {\n  domain = var.domain\n  type   = "CNAME"\n  name   = "www"\n  value  = "web.example.net"\n}\n' > "$tmp/tfmod/dns.tf"
cwd="$tmp/tfmod" expect 1 "a module in the working directory" -- "$bin" --no-config .
has "dns.tf:5:13: error: .*missing-trailing-dot" "its variables from the files beside it"
# A Terraform limit reported once the module is read joins its file's zone:
# the file is listed once, with its records.
expect 1 "Terraform limits" -- "$bin" --no-config --format json "$here/fixtures/providers/terraform/limits-count/main.tf"
n=$((n + 1))
if [ "$(grep -c '"records": ' "$tmp/out")" -ne 1 ]; then
    echo "FAIL cli: a file with limit findings is listed once in files[]"
    fail=$((fail + 1))
fi
# A duplicate in Terraform can be a resource of its own: the hint says how to
# drop it without destroying the record set the other resource declares; a
# zone file's copy is just deleted.
expect 0 "duplicate resources" -- "$bin" --no-config --fail-on none "$here/fixtures/providers/terraform/duplicates/"
has "take it out of the state first (terraform state rm" "a copy in Terraform is taken out of the state first"
expect 0 "duplicate records" -- "$bin" --no-config --fail-on none "$here/fixtures/examples/duplicate-record.zone"
has "hint: delete this copy$" "a zone file's copy is deleted"
# A DKIM set short of a token under a condition: the hint keeps the condition.
expect 1 "conditional DKIM records" -- "$bin" --no-config "$here/fixtures/ses/terraform/conditional"
has "hint: publish all three: 3 instances when created (COND ? 3 : 0)" "the hint of a conditional count"
# A folder's CloudFormation templates are found by their content: those with
# record sets (CDK's cdk.out), not other JSON or YAML.
mkdir -p "$tmp/cdk/cdk.out"
cp "$here/fixtures/ses/cloudformation/cdk.out/MailStack.template.json" "$tmp/cdk/cdk.out/"
printf '{"name": "app", "version": "1.0.0"}\n' > "$tmp/cdk/package.json"
printf '{"tree": {"id": "App", "attributes": {"aws:cdk:cloudformation:type": "AWS::Route53::RecordSet"}}}\n' > "$tmp/cdk/cdk.out/tree.json"
printf 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n' > "$tmp/cdk/bucket.yaml"
expect 1 "a folder's templates" -- "$bin" --no-config cdk
has "MailStack.template.json:17:13" "a template found in its folder"
lacks "package.json" "other JSON left alone"
lacks "tree.json" "CDK's construct tree left alone"
lacks "bucket.yaml" "a template without record sets left alone"
# CDK's manifest names the region a stack is synthesised for: a MAIL FROM MX
# of another region is found; without the manifest the region is not known
# and a literal one is not judged.
cat > "$tmp/cdk/cdk.out/Regional.template.json" <<'J'
{"Resources": {
 "Zone": {"Type": "AWS::Route53::HostedZone", "Properties": {"Name": "example.net."}},
 "Identity": {"Type": "AWS::SES::EmailIdentity",
  "Properties": {"EmailIdentity": "example.net", "MailFromAttributes": {"MailFromDomain": "bounce.example.net"}}},
 "Mx": {"Type": "AWS::Route53::RecordSet", "Properties": {"HostedZoneId": {"Ref": "Zone"},
  "Name": "bounce.example.net.", "Type": "MX", "TTL": "300",
  "ResourceRecords": ["10 feedback-smtp.us-east-1.amazonses.com"]}},
 "Spf": {"Type": "AWS::Route53::RecordSet", "Properties": {"HostedZoneId": {"Ref": "Zone"},
  "Name": "bounce.example.net.", "Type": "TXT", "TTL": "300",
  "ResourceRecords": ["\"v=spf1 include:amazonses.com ~all\""]}}
}}
J
cat > "$tmp/cdk/cdk.out/manifest.json" <<'J'
{"version": "36.0.0", "artifacts": {
 "MailStack": {"type": "aws:cloudformation:stack", "environment": "aws://unknown-account/unknown-region",
  "properties": {"templateFile": "MailStack.template.json"}},
 "Regional": {"type": "aws:cloudformation:stack", "environment": "aws://123456789012/eu-west-1",
  "properties": {"templateFile": "Regional.template.json"}}}}
J
expect 1 "a stack's region from CDK's manifest" -- "$bin" --no-config cdk/cdk.out/Regional.template.json
has "Regional.template.json:7:23: error: the MAIL FROM MX of bounce.example.net points to us-east-1, but the identity is in eu-west-1" "MAIL FROM MX of another region"
rm "$tmp/cdk/cdk.out/manifest.json"
expect 0 "no manifest: the region is not known" -- "$bin" --no-config cdk/cdk.out/Regional.template.json
expect 2 "--jobs 0" -- "$bin" --no-config --jobs 0 err.zone
expect 0 "--version" -- "$bin" --version
has "^zonelint [0-9]" "version text"
has "libgit2 [0-9]" "version text: libgit2, loaded for it"
# libgit2 is loaded only when a run needs git: without it a plain run works
# and a git mode says what is missing.
soversion=$(sed -n 's/.*libgit2 \([0-9]*\.[0-9]*\).*/\1/p' "$tmp/out")
mkdir -p "$tmp/nogit2"
echo "not a library" > "$tmp/nogit2/libgit2.so.$soversion"
expect 0 "--version, libgit2 unloadable" -- env LD_LIBRARY_PATH="$tmp/nogit2" "$bin" --version
has "libgit2 cannot be loaded (" "version text: libgit2 unloadable"
expect 0 "plain run, libgit2 unloadable" -- env LD_LIBRARY_PATH="$tmp/nogit2" "$bin" --no-config clean.zone
expect 1 "SARIF without libgit2: paths from the working directory" -- env LD_LIBRARY_PATH="$tmp/nogit2" "$bin" --no-config --format sarif err.zone
has '"uri": "err.zone"' "SARIF without libgit2: the file named"
expect 2 "--staged, libgit2 unloadable" -- env LD_LIBRARY_PATH="$tmp/nogit2" "$bin" --staged
has "^zonelint: cannot load libgit2.so.$soversion, which reading git repositories needs: " "the loader's reason"
# A plain run loads libgit2 (10 ms) only to read a file outside the
# argument's folder: the configurations looked for above a zone's folder
# (gdnsd's, octoDNS's) are absent here, and it is not loaded (glibc's
# loader says which libraries it loads).
mkdir -p "$tmp/probe/zones" "$tmp/probe/config"
cp "$tmp/clean.zone" "$tmp/probe/zones/db.example.com"
printf -- "---\n'':\n  type: A\n  value: 192.0.2.1\n" > "$tmp/probe/config/example.com.yaml"
cwd="$tmp/probe" expect 0 "plain runs with nothing above their folders" -- env LD_DEBUG=files "$bin" --no-config zones/db.example.com config/example.com.yaml
lacks "libgit2" "libgit2 not loaded for an absent configuration"
expect 0 "--help" -- "$bin" --help
has "Exit status" "help text"
expect 0 "--list-rules" -- "$bin" --list-rules
has "missing-trailing-dot" "rule list"
expect 0 "--explain" -- "$bin" --explain missing-trailing-dot
has "final dot" "explanation"
has "# zonelint-disable-line missing-trailing-dot" "explanation: the suppression comment of .tf and YAML"
expect 2 "--explain unknown" -- "$bin" --explain nope
expect 1 "json output" -- "$bin" --no-config --format json err.zone
has '"summary"' "json summary"
expect 1 "colour forced" -- "$bin" --no-config --color always err.zone
has "$(printf '\033')\[" "ANSI colour with --color always"
expect 1 "no colour in a pipe" -- "$bin" --no-config err.zone
lacks "$(printf '\033')\[" "no colour when not a terminal"

# Directories: zone files by name, sorted, hidden folders skipped.
mkdir -p "$tmp/dir/sub" "$tmp/dir/.git"
cp "$tmp/err.zone" "$tmp/dir/sub/db.example.com"
cp "$tmp/err.zone" "$tmp/dir/.git/hidden.zone"
cp "$tmp/err.zone" "$tmp/dir/notes.txt"
expect 1 "directory" -- "$bin" --no-config dir
has "dir/sub/db.example.com" "db.* found in a subfolder"
lacks "hidden.zone" "hidden folder skipped"
lacks "notes.txt" "other files skipped"

# Configuration: rule severities, fail_on, zone patterns with origins.
cat > "$tmp/.zonelint.json" <<'J'
{"rules": {"ttl-mismatch": "error"}, "zones": [{"path": "*.hosts", "origin": "example.org"}]}
J
cp "$tmp/noorigin" "$tmp/lan.hosts"
expect 1 "config raises a severity" -- "$bin" warn.zone
expect 0 "config zone pattern gives the origin" -- "$bin" lan.hosts
echo '{"rules": {"nope": "off"}}' > "$tmp/.zonelint.json"
expect 2 "config with an unknown rule" -- "$bin" clean.zone
has ".zonelint.json" "config error names the file"
echo '{"rules": ' > "$tmp/.zonelint.json"
expect 2 "broken config" -- "$bin" clean.zone
has ".zonelint.json:[0-9]*:[0-9]*:" "config syntax error with position"
rm "$tmp/.zonelint.json"

# Suppression comments with an unknown rule are reported on stderr.
printf '$ORIGIN example.com.\n$TTL 60\na A 192.0.2.1 ; zonelint-disable-line no-such-rule\n@ SOA ns1.example.net. h.example.net. 1 2 3 4 5\n@ NS ns1.example.net.\n' > "$tmp/sup.zone"
expect 0 "unknown rule in a suppression" -- "$bin" --no-config sup.zone
has "unknown rule 'no-such-rule'" "suppression typo reported"

# Provider exports: recognised by content, or named with --input-format;
# one that cannot be read exits 2 with its position and the format tried.
cat > "$tmp/r53.json" <<'J'
{"ResourceRecordSets": [
  {"Name": "example.com.", "Type": "TXT", "TTL": 300,
   "ResourceRecords": [{"Value": "v=spf1 include:amazonses.com ~all"}]}]}
J
expect 1 "route53 export recognised" -- "$bin" --no-config r53.json
has "r53.json:3:35: error: TXT value without quotes" "finding at the value's column"
expect 1 "json output names the format" -- "$bin" --no-config --format json r53.json
has '"format": "route53"' "files[].format"
expect 1 "--input-format on stdin" -- sh -c "'$bin' --no-config --input-format route53 - < r53.json"
expect 2 "--input-format that does not fit" -- "$bin" --no-config --input-format azure-json r53.json
has "r53.json:1:1: cannot read as azure-json: " "format tried and position"
expect 2 "unknown --input-format" -- "$bin" --no-config --input-format xml r53.json
has "cloudflare-json" "the formats are listed"
# Each file once, but a link under another name is another zone where the
# file's name is its zone (gdnsd serves one template under many names).
printf '$TTL 300\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n' > "$tmp/db.example.com"
ln -s db.example.com "$tmp/db.example.org"
expect 0 "a file given twice, and a link to it" -- "$bin" --no-config --format json db.example.com db.example.com db.example.org
n=$((n + 1))
if [ "$(grep -c '"path": "db.example' "$tmp/out")" -ne 2 ]; then
    echo "FAIL cli: a file given twice is read once, its link under another name once more"
    fail=$((fail + 1))
fi
has '"origin": "example.org."' "the link's name is its zone"
# A gdnsd configuration beside zones/ (or in the zone's folder) makes its
# zones gdnsd's, which splits a long TXT string itself; a zone elsewhere,
# named between two of them, stays BIND's.
mkdir -p "$tmp/gd/zones" "$tmp/gd/x/other"
printf 'options => {\n}\n' > "$tmp/gd/config"
long=$(printf '%0300d' 0)
for z in zones/db.example.com x/other/db.example.net zones/db.example.org; do
    printf '$TTL 300\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n  IN NS ns1\nns1 IN A 192.0.2.1\nt IN TXT "%s"\n' "$long" > "$tmp/gd/$z"
done
cwd=$tmp/gd expect 1 "gdnsd zones beside its config" -- "$bin" --no-config --include-root . zones/db.example.com x/other/db.example.net zones/db.example.org
has "^x/other/db.example.net:5:10: error: .*txt-string-too-long" "a zone elsewhere is BIND's"
lacks "^zones/" "zones/ beside the config are gdnsd's"
cwd=$tmp/gd expect 1 "gdnsd zones beside its config, in a folder read whole" -- "$bin" --no-config --include-root . .
has "^x/other/db.example.net:5:10: error: .*txt-string-too-long" "a zone elsewhere in the folder is BIND's"
lacks "^zones/" "the folder's zones/ beside the config are gdnsd's"
# A repository may keep gdnsd's zones in a folder of another name
# (wikimedia/operations-dns: templates/ beside config).
mkdir -p "$tmp/gd/templates"
cp "$tmp/gd/zones/db.example.org" "$tmp/gd/templates/example.org"
cwd=$tmp/gd expect 0 "gdnsd zones in templates/ beside its config" -- "$bin" --no-config --include-root . templates/example.org
# What a zone may read depends on its argument: zones/sub/db.example.com
# alone may not read zones/config (outside its folder, and no repository),
# zones/sub/db.example.org found below zones may.
mkdir -p "$tmp/gd/y/zones/sub"
mv "$tmp/gd/zones/db.example.com" "$tmp/gd/zones/db.example.org" "$tmp/gd/y/zones/sub/"
cp "$tmp/gd/config" "$tmp/gd/y/zones/config"
cwd=$tmp/gd/y expect 1 "gdnsd configuration out of an argument's reach" -- "$bin" --no-config zones/sub/db.example.com zones
has "^zones/sub/db.example.com:5:10: error: .*txt-string-too-long" "config out of reach: BIND's"
lacks "^zones/sub/db.example.org" "config in reach: gdnsd's"
printf 'D("example.com", REG_NONE, DnsProvider(DSP), A("@", "192.0.2.1"));\n' > "$tmp/dnsconfig.js"
expect 2 "dnsconfig.js is not read" -- "$bin" --no-config dnsconfig.js
has "dnscontrol print-ir" "says to lint print-ir output"
printf '{"ResourceRecordSets": [\n  {"Name": "a."}}\n' > "$tmp/bad.json"
expect 2 "broken JSON" -- "$bin" --no-config bad.json
has "bad.json:2:17: cannot read as route53: " "JSON error position"
printf '\377\376{\000}\000' > "$tmp/utf16.json"
expect 2 "UTF-16 export" -- "$bin" --no-config utf16.json
has "UTF-16" "UTF-16 named"
expect 2 "octoDNS without a zone name" -- sh -c "printf 'www:\n  type: A\n  value: 192.0.2.1\n' | '$bin' --no-config -"
has "cannot read as octodns: the zone comes from the file's name" "octoDNS zone message"
# SES data: --expect, --identity, --region, the environment, the configuration.
# The checks below set the region environment themselves.
unset AWS_REGION AWS_DEFAULT_REGION
mkdir -p "$tmp/ses/expect"
cat > "$tmp/ses/example.com.zone" <<'Z'
$ORIGIN example.com.
$TTL 300
@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300
  IN NS ns1
ns1 IN A 192.0.2.1
ujzdegxdncf32epf3dhodzdocis2jhtl._domainkey IN CNAME ujzdegxdncf32epf3dhodzdocis2jhtl.dkim.amazonses.com.
gmxgedn73u55xtplpft7v4seh2kvj72c._domainkey IN CNAME gmxgedn73u55xtplpft7v4seh2kvj72c.dkim.amazonses.com.
Z
cat > "$tmp/ses/expect/example.com.json" <<'J'
{"IdentityType": "DOMAIN", "DkimAttributes": {"SigningAttributesOrigin": "AWS_SES",
 "Tokens": ["ujzdegxdncf32epf3dhodzdocis2jhtl", "gmxgedn73u55xtplpft7v4seh2kvj72c",
            "euvw75efr6edt4sywb5wkh7dnsipzz7f"]}}
J
printf '{"DkimTokens": ["ujzdegxdncf32epf3dhodzdocis2jhtl"]}\n' > "$tmp/ses/tokens.json"
printf '{\n  "DkimAttributes": {\n    "Tokens": [1,\n}\n' > "$tmp/ses/bad.json"
expect 1 "--expect: a missing DKIM record" -- "$bin" --no-config --expect ses/expect/example.com.json ses/example.com.zone
has "ses/example.com.zone:1:1: error: the Easy DKIM CNAME of token 3 of 3 is missing" "file-level SES finding"
has "add: euvw75efr6edt4sywb5wkh7dnsipzz7f._domainkey.example.com. CNAME euvw75efr6edt4sywb5wkh7dnsipzz7f.dkim.amazonses.com." "the line to add"
has "(example.com, from ses/expect/example.com.json)" "identity from the file name"
expect 1 "--expect as json" -- "$bin" --no-config --format json --expect ses/expect/example.com.json ses/example.com.zone
has '"rule": "ses-dkim-missing"' "SES finding in JSON"
has '"line": null' "file-level finding in JSON"
expect 0 "--expect from stdin" -- sh -c "'$bin' --no-config --identity example.com --expect - ses/example.com.zone < ses/tokens.json"
expect 2 "malformed SES data" -- "$bin" --no-config --expect ses/bad.json --identity example.com ses/example.com.zone
has "ses/bad.json:4: malformed JSON" "SES data error with file and line"
expect 2 "verify-domain-dkim output without --identity" -- "$bin" --no-config --expect ses/tokens.json ses/example.com.zone
has "give --identity DOMAIN" "--identity asked for"
expect 2 "--identity without --expect" -- "$bin" --no-config --identity example.com ses/example.com.zone
expect 2 "--expect of a missing file" -- "$bin" --no-config --expect ses/nope.json ses/example.com.zone
has "ses/nope.json" "missing SES file named"
expect 1 "--region picks the DKIM domain" -- "$bin" --no-config --region eu-south-1 --identity example.com --expect ses/tokens.json ses/example.com.zone
has "whose DKIM domain is dkim.eu-south-1.amazonses.com" "regional DKIM domain"
expect 1 "AWS_REGION is --region's default" -- env AWS_REGION=eu-south-1 "$bin" --no-config --identity example.com --expect ses/tokens.json ses/example.com.zone
has "signs in eu-south-1" "AWS_REGION used"
expect 1 "then AWS_DEFAULT_REGION" -- env -u AWS_REGION AWS_DEFAULT_REGION=eu-south-1 "$bin" --no-config --identity example.com --expect ses/tokens.json ses/example.com.zone
has "signs in eu-south-1" "AWS_DEFAULT_REGION used"
expect 0 "--region wins over the environment" -- env AWS_REGION=eu-south-1 "$bin" --no-config --region us-east-1 --identity example.com --expect ses/tokens.json ses/example.com.zone
cat > "$tmp/ses/.zonelint.json" <<'J'
{"ses": [{"expect": "expect/example.com.json", "region": "us-east-1"}]}
J
mkdir -p "$tmp/ses/sub"
expect 1 "configuration SES entries, paths relative to it" -- sh -c "cd ses/sub && '$bin' ../example.com.zone"
has "ses-dkim-missing" "SES data from the configuration"
has "example.com in us-east-1, from .*/ses/expect/example.com.json" "the configuration's region"
echo '{"ses": [{"expect": "expect/none.json"}]}' > "$tmp/ses/.zonelint.json"
expect 2 "configuration naming a missing SES file" -- sh -c "cd ses && '$bin' example.com.zone"
rm "$tmp/ses/.zonelint.json"
# --diff with SES data: what the base already lacked is not new; a record
# broken since is.
mkdir -p "$tmp/sesgit" && cp "$tmp/ses/example.com.zone" "$tmp/sesgit/" && cp -r "$tmp/ses/expect" "$tmp/sesgit/"
(cd "$tmp/sesgit" && git init -q && git add . && git -c user.name=t -c user.email=t@example.com commit -qm base) > /dev/null 2>&1
expect 0 "--diff: SES findings of the base are not new" -- sh -c "cd sesgit && '$bin' --no-config --expect expect/example.com.json --diff HEAD"
sed -i 's/2jhtl.dkim.amazonses.com./2jht.dkim.amazonses.com./' "$tmp/sesgit/example.com.zone"
expect 1 "--diff: an SES record broken since the base" -- sh -c "cd sesgit && '$bin' --no-config --expect expect/example.com.json --diff HEAD"
has "ses-dkim-mismatch" "new SES finding under --diff"
lacks "ses-dkim-missing" "old SES finding dropped under --diff"

# The rule pages are generated from the binary; they must be current.
n=$((n + 1))
if ! "$here/../scripts/gen-rule-docs" "$bin" | cmp -s - "$here/../docs/rules.md"; then
    echo "FAIL cli: docs/rules.md is stale: run scripts/gen-rule-docs build/zonelint > docs/rules.md"
    fail=$((fail + 1))
fi
# The rules and the catalogue (../shared/spec/rules.md, when present): the
# code has every id the catalogue lists, and no id the catalogue lacks; an id
# marked *(planned)* belongs to an open issue, so the code may have it or not.
spec="$here/../../shared/spec/rules.md"
if [ -f "$spec" ]; then
    "$bin" --list-rules | cut -d' ' -f1 | LC_ALL=C sort > "$tmp/ids.code"
    sed -n 's/^| `\([a-z0-9-]*\)` |.*/\1/p' "$spec" | LC_ALL=C sort > "$tmp/ids.required"
    sed -n 's/^| `\([a-z0-9-]*\)` \*(planned)\* |.*/\1/p' "$spec" | LC_ALL=C sort > "$tmp/ids.planned"
    LC_ALL=C sort -u "$tmp/ids.required" "$tmp/ids.planned" > "$tmp/ids.known"
    n=$((n + 1))
    missing=$(LC_ALL=C comm -23 "$tmp/ids.required" "$tmp/ids.code")
    unknown=$(LC_ALL=C comm -23 "$tmp/ids.code" "$tmp/ids.known")
    if [ -n "$missing$unknown" ]; then
        echo "FAIL cli: rule ids differ from the catalogue $spec:"
        for id in $missing; do echo "    missing from the code: $id"; done
        for id in $unknown; do echo "    not in the catalogue: $id"; done
        fail=$((fail + 1))
    fi
    # A catalogue read as empty (its table format changed) would pass above.
    n=$((n + 1))
    if [ ! -s "$tmp/ids.required" ]; then
        echo "FAIL cli: no rule ids read from $spec"
        fail=$((fail + 1))
    fi
fi

# A file that repeats one mistake past the bound of lint/engine/bound.h:
# what is shown and counted is what an unbounded run shows.
many() {
    # shellcheck disable=SC2016 # the dollars are the zone file's
    printf '$ORIGIN example.com.\n$TTL 300\n@ IN SOA ns1 h 1 2 3 4 5\n  IN NS ns1\nns1 IN A 192.0.2.1\n'
    awk -v n="$1" -v quiet="$2" 'BEGIN { for (i = 1; i <= n; i++)
        printf "t%d IN TXT \" token-%d\"%s\n", i, i,
            i <= quiet ? " ; zonelint-disable-line value-whitespace" : "" }'
}
many 12000 0 > "$tmp/many.zone"
expect 1 "12,000 findings of one rule" -- "$bin" --no-config --format json many.zone
has "and 11000 more findings of value-whitespace" "the ones not kept are counted"
has '"line": 6,' "the first finding shown"
many 16000 5000 > "$tmp/many.zone"
expect 1 "16,000 findings, 5,000 silenced" -- "$bin" --no-config many.zone
has "and 10000 more findings of value-whitespace" "silenced ones count for nothing"
has "many.zone:5006:" "the first finding not silenced"
# shellcheck disable=SC2016 # the dollars are the zone file's
printf '$ORIGIN example.com.\n$TTL 300\n@ IN SOA ns1 h 1 2 3 4 5\n  IN NS ns1\nns1 IN A 192.0.2.1\n$GENERATE 1-30000 t$ IN TXT " token-$"\n' > "$tmp/many.zone"
expect 1 "30,000 equal findings of one \$GENERATE" -- "$bin" --no-config many.zone
has "^1 error," "shown once, counted once"

# An $INCLUDE may leave the file's folder for another folder of its
# repository, not for a folder outside one; SARIF paths start at the top.
mkdir -p "$tmp/widen/zones" "$tmp/widen/common" "$tmp/bare/zones" "$tmp/bare/common"
for d in widen bare; do
    # shellcheck disable=SC2016 # the dollars are the zone file's
    printf '$ORIGIN example.com.\n$TTL 300\n@ IN SOA ns1 h 1 2 3 4 5\n  IN NS ns1\nns1 IN A 192.0.2.1\n$INCLUDE ../common/hosts.inc\n' > "$tmp/$d/zones/db.example.com"
    echo 'bad IN A 256.0.0.1' > "$tmp/$d/common/hosts.inc"
done
git init -q "$tmp/widen"
expect 1 "\$INCLUDE of another folder of the repository" -- sh -c "cd widen/zones && '$bin' --no-config --format sarif db.example.com"
has '"uri": "common/hosts.inc"' "read, and shown from the repository's top"
lacks input-refused "not refused"
expect 1 "\$INCLUDE of another folder, no repository" -- "$bin" --no-config bare/zones/db.example.com
has input-refused "refused"
lacks syntax-error "not read"

# Files of ZL_MAP_AT_LEAST (1 MiB) or more are mapped, not copied
# (lint/io/fs.c): their findings are those of the same bytes read from
# standard input, which is always copied. At 1 MiB exactly the NUL after
# the text lies in the reservation past the file's last page; one octet
# more puts it in that page. The last record runs to the last octet.
padded_zone() { # padded_zone BYTES: a zone of exactly BYTES octets
    awk -v size="$1" 'BEGIN {
        head = "$ORIGIN example.com.\n$TTL 300\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n  IN NS ns1\nns1 IN A 192.0.2.1\na IN A 256.0.0.1\n"
        tail = "z IN TXT \"unterminated"
        printf "%s", head
        for (n = size - length(head) - length(tail); n > 64; n -= 64)
            printf ";%62s\n", ""
        printf ";%" (n - 2) "s\n", ""
        printf "%s", tail
    }'
}
for size in 1048576 1048577; do
    padded_zone "$size" > "$tmp/big.zone"
    expect 1 "mapped zone of $size octets" -- "$bin" --no-config --format json big.zone
    cp "$tmp/out" "$tmp/mapped.json"
    has '"line": 6' "mapped zone of $size octets: the bad address"
    has 'not closed' "mapped zone of $size octets: the last record, cut at the end"
    expect 1 "the same zone copied from stdin" -- sh -c "'$bin' --no-config --format json --stdin-filename big.zone - < big.zone"
    n=$((n + 1))
    cmp -s "$tmp/out" "$tmp/mapped.json" || {
        echo "FAIL $suite: mapped zone of $size octets: findings differ from stdin's"
        fail=$((fail + 1))
    }
done
# A template's placeholder in a large zone: its sniff runs on a thread of
# its own (parser/master/master.c), and the entry is still passed over.
padded_zone 1100000 > "$tmp/big.zone"
printf '\nwww IN A {{ web_ip }}\n' >> "$tmp/big.zone"
expect 1 "large templated zone" -- "$bin" --no-config big.zone
lacks "web_ip" "large templated zone: the placeholder is no finding"
has "bad IPv4 address '256.0.0.1'" "large templated zone: other records still read"
# An export that large is copied for its reader (it frees the text).
{
    printf '{"ResourceRecordSets": [\n'
    i=0
    while [ $i -lt 12000 ]; do
        printf '{"Name": "h%d.example.com.", "Type": "A", "TTL": 300, "ResourceRecords": [{"Value": "192.0.2.1"}]},\n' $i
        i=$((i + 1))
    done
    printf '{"Name": "bad.example.com.", "Type": "TXT", "TTL": 300, "ResourceRecords": [{"Value": "v=spf1 -all"}]}\n]}\n'
} > "$tmp/big.json"
expect 1 "mapped Route 53 export" -- "$bin" --no-config big.json
has "value-quoting" "mapped Route 53 export: its finding"
# Rdata past 65,535 octets (255 strings of 255 and one of 255) is no record
# the protocol can carry; at 65,535 zonelint says nothing (BIND's own limit
# is lower: it refused TXT rdata over 65,510 octets here).
long_txt() { # long_txt LAST: 255 strings of 255 octets and one of LAST
    printf '$ORIGIN example.com.\n$TTL 300\n@ IN SOA ns1 h 1 2 3 4 5\n@ IN NS ns1\nns1 IN A 192.0.2.1\nt IN TXT ('
    s=$(head -c 255 /dev/zero | tr '\0' a)
    i=0
    while [ $i -lt 255 ]; do
        printf ' "%s"' "$s"
        i=$((i + 1))
    done
    printf ' "%s" )\n' "$(head -c "$1" /dev/zero | tr '\0' b)"
}
long_txt 255 > "$tmp/long-txt.zone"
expect 1 "rdata of 65,536 octets" -- "$bin" --no-config long-txt.zone
has "the rdata takes 65536 octets, more than the 65535 a record holds" "rdata of 65,536 octets: said so"
long_txt 254 > "$tmp/long-txt.zone"
expect 0 "rdata of 65,535 octets" -- "$bin" --no-config long-txt.zone
printf '\377\376' > "$tmp/utf16.zone"
head -c 1100000 /dev/zero >> "$tmp/utf16.zone"
expect 2 "mapped UTF-16 file" -- "$bin" --no-config utf16.zone
has "UTF-16" "mapped UTF-16 file: said so"

echo "$n cli checks, $fail failure(s)"
[ "$fail" -eq 0 ]
