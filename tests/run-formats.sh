#!/bin/sh
# The CI formats and the output conventions: checkstyle and junit are
# well-formed XML of the shape Jenkins reads (xmllint); codeclimate has every
# field GitLab's Code Quality report requires; rdjson is reviewdog's
# Diagnostic Format with byte columns; SARIF says when a run failed; paths in
# SARIF, GitHub and Code Quality output are relative to the repository's top
# from any working directory; --stdin-filename, --quiet, --statistics,
# --column-unit, colour by environment, did-you-mean, --list-rules as JSON,
# and text output that one errorformat parses.
suite=formats
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
unset GIT_DIR GIT_INDEX_FILE GIT_WORK_TREE GIT_COMMON_DIR NO_COLOR FORCE_COLOR CLICOLOR_FORCE

# run COMMAND...: run it in $cwd, its output (and errors) in $tmp/out.
run() { (cd "$cwd" && "$@") > "$tmp/out" 2>&1; }
# py DESCRIPTION SCRIPT: a Python check of the last output ($tmp/out).
py() {
    n=$((n + 1))
    if ! python3 -c "$2" "$tmp/out" > "$tmp/py" 2>&1; then
        echo "FAIL $suite: $1"
        sed 's/^/    /' "$tmp/py" | tail -n 5
        fail=$((fail + 1))
    fi
}

r=$tmp/repo
mkdir -p "$r/zones/sub" "$r/.git"
git init -q "$r"
cat > "$r/zones/sub/db.example.com" <<'Z'
$ORIGIN example.com.
$TTL 300
@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300
  IN NS ns1
ns1 IN A 192.0.2.1
www	IN	A	256.0.0.1
tok._domainkey.example.com IN CNAME tok.dkim.amazonses.com.
a IN A 192.0.2.1
a 60 IN A 192.0.2.2
Z
printf '$ORIGIN example.com.\n$TTL 300\n\344\270\255\346\226\207 IN TXT "x" 256.0.0.1\n@ IN SOA ns1.example.net. h.example.net. 1 2 3 4 5\n@ IN NS ns1.example.net.\n' > "$r/zones/wide.zone"
cwd=$r/zones

for f in checkstyle junit; do
    expect 1 "--format $f" -- "$bin" --no-config --format "$f" sub/db.example.com wide.zone
    cp "$tmp/out" "$tmp/$f.xml"
    expect 0 "$f is well-formed XML" -- xmllint --noout "$tmp/$f.xml"
done
run "$bin" --no-config --format checkstyle sub/db.example.com
py "checkstyle: a file element with errors of line, column, severity, message, source" '
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "checkstyle", root.tag
files = root.findall("file")
assert [f.get("name") for f in files] == ["sub/db.example.com"], files
errs = files[0].findall("error")
assert len(errs) == 5, len(errs)
for e in errs:
    assert int(e.get("line")) > 0 and int(e.get("column")) > 0
    assert e.get("severity") in ("error", "warning", "info")
    assert e.get("source").startswith("zonelint.") and e.get("message")
assert errs[0].get("source") == "zonelint.syntax-error" and errs[0].get("line") == "6"'
run "$bin" --no-config --format junit sub/db.example.com "$r/zones/wide.zone"
py "junit: a suite per file, a failed case per finding, counts that add up" '
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites"
suites = root.findall("testsuite")
assert len(suites) == 2, len(suites)
total = sum(len(s.findall("testcase")) for s in suites)
fails = sum(len(s.findall("testcase/failure")) for s in suites)
assert int(root.get("tests")) == total and int(root.get("failures")) == fails == 6, (total, fails)
for s in suites:
    assert int(s.get("tests")) == len(s.findall("testcase"))
    assert int(s.get("failures")) == len(s.findall("testcase/failure"))'
printf '$ORIGIN example.com.\n$TTL 300\n@ IN SOA ns1 h 1 2 3 4 5\n  IN NS ns1\nns1 IN A 192.0.2.1\n' \
    > "$r/zones/clean.zone"
run "$bin" --no-config --format junit clean.zone
py "junit: a clean file is one passing case" '
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.get("tests") == "1" and root.get("failures") == "0"
assert root.find("testsuite/testcase").get("name") == "zonelint"'

# GitLab Code Quality: the fields GitLab requires, repository-relative
# paths, unique fingerprints; from a subfolder and with an absolute path.
for arg in sub/db.example.com "$r/zones/sub/db.example.com"; do
    run "$bin" --no-config --format codeclimate "$arg" wide.zone
    py "codeclimate ($arg): GitLab's required fields" '
import sys, json
issues = json.load(open(sys.argv[1]))
assert isinstance(issues, list) and len(issues) == 6, issues
for i in issues:
    assert isinstance(i["description"], str) and i["description"]
    assert isinstance(i["check_name"], str) and i["check_name"]
    assert i["severity"] in ("info", "minor", "major", "critical", "blocker")
    loc = i["location"]
    line = loc["lines"]["begin"] if "lines" in loc else loc["positions"]["begin"]["line"]
    assert isinstance(line, int) and line >= 1
assert len({i["fingerprint"] for i in issues}) == 6
assert sorted({i["location"]["path"] for i in issues}) == ["zones/sub/db.example.com", "zones/wide.zone"]'
done

# reviewdog rdjson: columns in UTF-8 bytes; the wide line's finding starts
# after two 3-byte characters, at the unquoted word.
run "$bin" --no-config --format rdjson --docs-url https://example.com/rules.md wide.zone
R=$r py "rdjson: reviewdog's fields, byte columns, rule links" '
import os, sys, json
d = json.load(open(sys.argv[1]))
assert d["source"]["name"] == "zonelint" and d["source"]["url"] == "https://example.com/rules.md"
ds = d["diagnostics"]
assert ds, d
for x in ds:
    assert x["severity"] in ("ERROR", "WARNING", "INFO")
    assert x["location"]["path"] == "wide.zone" and x["message"]
    assert x["code"]["url"] == "https://example.com/rules.md#" + x["code"]["value"]
s = [x for x in ds if x["location"]["range"]["start"]["line"] == 3][0]["location"]["range"]["start"]
line = open(os.environ["R"] + "/zones/wide.zone", "rb").read().split(b"\n")[2]
assert line[s["column"] - 1:].startswith(b"256.0.0.1"), (s, line)'

# SARIF: repository-relative URIs from a subfolder, rule links, a run
# marked successful; a failed run is a valid SARIF that says why.
cwd=$r/zones/sub
run "$bin" --no-config --format sarif --docs-url https://example.com/rules.md db.example.com
py "sarif: repository-relative uri, helpUri, informationUri, executionSuccessful" '
import sys, json
d = json.load(open(sys.argv[1]))
run = d["runs"][0]
uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
assert uris == {"zones/sub/db.example.com"}, uris
drv = run["tool"]["driver"]
assert drv["informationUri"] == "https://example.com/rules.md"
assert all(r["helpUri"] == "https://example.com/rules.md#" + r["id"] for r in drv["rules"])
assert run["invocations"] == [{"executionSuccessful": True}]'
cwd=$r/zones
expect 2 "sarif: a missing file exits 2" -- sh -c "'$bin' --no-config --format sarif \
    missing.zone sub/db.example.com > '$tmp/sarif'"
cp "$tmp/sarif" "$tmp/out"
py "sarif: the other file is linted, the failure and its notification reported" '
import sys, json
d = json.load(open(sys.argv[1]))
run = d["runs"][0]
assert run["results"], "no results"
inv = run["invocations"][0]
assert inv["executionSuccessful"] is False
assert "missing.zone" in inv["toolExecutionNotifications"][0]["message"]["text"]'
expect 2 "sarif: a run that fails before linting" -- sh -c "'$bin' --config nosuch.json \
    --format sarif clean.zone > '$tmp/sarif'"
cp "$tmp/sarif" "$tmp/out"
py "sarif: a valid file with no results and the error" '
import sys, json
d = json.load(open(sys.argv[1]))
assert d["version"] == "2.1.0"
run = d["runs"][0]
assert run["results"] == [] and run["invocations"][0]["executionSuccessful"] is False
assert "nosuch.json" in run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]'
expect 1 "github: repository-relative file" -- "$bin" --no-config --format github \
    "$r/zones/sub/db.example.com"
has "^::error file=zones/sub/db.example.com,line=6," "github annotation path"
cwd=$tmp expect 1 "outside a repository: paths as given" -- "$bin" --no-config \
    --format github repo/zones/wide.zone
has "file=repo/zones/wide.zone," "path as given"

# Standard input named by --stdin-filename: the path shown, the origin
# from the name, the repository-relative path.
expect 1 "--stdin-filename" -- sh -c "sed 1d sub/db.example.com | '$bin' --no-config \
    --stdin-filename sub/db.example.com -"
has "^sub/db.example.com:5:" "stdin shown by its name, origin from the name"
expect 1 "--stdin-filename, sarif" -- sh -c "'$bin' --no-config --format sarif \
    --stdin-filename sub/db.example.com - < sub/db.example.com"
has '"uri": "zones/sub/db.example.com"' "stdin's name made repository-relative"

# Text: every finding line parses as path:line:column: severity: (a whole
# file's finding as 1:1); -q leaves only those lines.
cat > "$tmp/ses.json" <<'J'
{"DkimAttributes": {"SigningEnabled": true, "Status": "PENDING", "Tokens":
 ["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
  "cccccccccccccccccccccccccccccccc"], "SigningAttributesOrigin": "AWS_SES"},
 "IdentityType": "DOMAIN", "VerifiedForSendingStatus": false}
J
expect 1 "-q" -- "$bin" --no-config -q --identity example.com --region eu-west-1 \
    --expect "$tmp/ses.json" clean.zone sub/db.example.com
has "^clean.zone:1:1: error: .*\[ses-dkim-missing\]" "a whole-file finding says 1:1"
lacks "hint:" "-q: no hints"
lacks "errors\?, " "-q: no summary"
py "every line parses with the errorformat %f:%l:%c: %t%*[^:]: %m" '
import sys, re
lines = open(sys.argv[1]).read().splitlines()
assert len(lines) >= 5, lines
bad = [l for l in lines if not re.match(r"^[^:]+:\d+:\d+: (error|warning|note): .+ \[[a-z-]+\]$", l)]
assert not bad, bad'
expect 1 "--statistics" -- "$bin" --no-config --statistics --format json sub/db.example.com
py "--statistics after the JSON, on stderr" '
import sys, json, re
text = open(sys.argv[1]).read()
end = text.rindex("}") + 1
json.loads(text[:end])
assert re.search(r"^ +1  syntax-error \(error\)$", text[end:], re.M), text[end:]
assert re.search(r"^ +5  findings$", text[end:], re.M), text[end:]'

# Columns: text counts display cells by default (as gcc: tabs to the next
# multiple of 8, wide characters two), the other formats characters;
# --column-unit sets the unit of every format but SARIF and rdjson.
expect 1 "text: display cells by default" -- "$bin" --no-config -q sub/db.example.com
has "db.example.com:6:25: error" "text's default unit is display cells"
run "$bin" --no-config --format json sub/db.example.com
has '"column": 10,' "json's default unit is characters"
run "$bin" --no-config --format json --column-unit display sub/db.example.com
has '"column": 25,' "--column-unit applies to json"
run "$bin" --no-config --format sarif --column-unit byte wide.zone
has '"startColumn": 15,' "SARIF counts code points whatever --column-unit says"
expect 1 "--column-unit char" -- "$bin" --no-config -q --column-unit char sub/db.example.com wide.zone
has "db.example.com:6:10: error" "a tab is one character"
has "wide.zone:3:15: error" "a CJK character is one character"
expect 1 "--column-unit byte" -- "$bin" --no-config -q --column-unit byte wide.zone
has "wide.zone:3:19: error" "a CJK character is three bytes"
expect 1 "--column-unit display" -- "$bin" --no-config -q --column-unit display \
    sub/db.example.com wide.zone
has "db.example.com:6:25: error" "tabs go to the next multiple of 8"
has "wide.zone:3:17: error" "a CJK character takes two cells"
expect 2 "--column-unit bad" -- "$bin" --no-config --column-unit bytes wide.zone

# Colour from the environment.
esc=$(printf '\033')
expect 1 "FORCE_COLOR in a pipe" -- env FORCE_COLOR=1 "$bin" --no-config wide.zone
has "$esc\[" "FORCE_COLOR colours"
expect 1 "CLICOLOR_FORCE in a pipe" -- env CLICOLOR_FORCE=1 "$bin" --no-config wide.zone
has "$esc\[" "CLICOLOR_FORCE colours"
expect 1 "FORCE_COLOR=0" -- env FORCE_COLOR=0 "$bin" --no-config wide.zone
lacks "$esc\[" "FORCE_COLOR=0 does not"
if command -v script > /dev/null; then
    expect 1 "a terminal" -- script -qec "TERM=xterm '$bin' --no-config wide.zone" /dev/null
    has "$esc\[" "colour on a terminal"
    expect 1 "TERM=dumb" -- script -qec "TERM=dumb '$bin' --no-config wide.zone" /dev/null
    lacks "$esc\[" "no colour for TERM=dumb"
fi

# Usage errors: one line, the option or rule meant, a pointer to --help.
expect 2 "mistyped option" -- "$bin" --formt json wide.zone
has "^zonelint: unknown option '--formt' (did you mean '--format'? see zonelint --help)$" \
    "did you mean, for options"
py "a usage error is one line" 'import sys; assert len(open(sys.argv[1]).read().splitlines()) == 1'
expect 2 "mistyped rule" -- "$bin" --disable spf-sytnax wide.zone
has "did you mean 'spf-syntax'" "did you mean, for rules"
expect 2 "--explain mistyped" -- "$bin" --explain missing-trailing-dots
has "did you mean 'missing-trailing-dot'" "did you mean, for --explain"
expect 2 "unrelated word" -- "$bin" --explain frobnicate
lacks "did you mean" "no suggestion for an unrelated word"
expect 0 "--list-rules --format json" -- "$bin" --list-rules --format json
py "--list-rules as JSON: every rule, with its texts" '
import sys, json
rules = json.load(open(sys.argv[1]))
assert len(rules) > 20 and all(set(r) == {"id", "severity", "summary", "explanation", "hint"} for r in rules)
assert rules[0]["id"] == "syntax-error"'
expect 2 "--list-rules --format sarif" -- "$bin" --list-rules --format sarif

echo "$n format checks, $fail failure(s)"
[ "$fail" -eq 0 ]
