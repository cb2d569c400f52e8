#!/usr/bin/env python3
"""Tabulate bench/realworld.sh's reports: per repository, per rule, verdicts.

usage: realworld_tabulate.py OUT_DIR VERDICTS.tsv SOURCES.tsv
Writes OUT_DIR/findings.tsv and OUT_DIR/summary.md and prints the summary.
"""
import collections
import fnmatch
import json
import os
import re
import sys


def load_verdicts(path):
    rules = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            repo, rule, regex, verdict, reason = (line.split("\t") + [""] * 5)[:5]
            if verdict not in ("true", "false", "debatable"):
                sys.exit(f"bad verdict {verdict!r} in: {line}")
            rules.append((repo, rule, re.compile(regex), verdict, reason))
    return rules


def judge(rules, repo, finding):
    text = f"{finding['path']}: {finding['message']}"
    for r_repo, r_rule, regex, verdict, reason in rules:
        if fnmatch.fnmatch(repo, r_repo) and fnmatch.fnmatch(finding["rule"], r_rule) \
                and regex.search(text):
            return verdict, reason
    return "unclassified", ""


def main():
    out, verdicts_path, sources_path = sys.argv[1:4]
    rules = load_verdicts(verdicts_path)
    repos = []
    family = {}  # the publisher column's first word: terraform, octodns, BIND, ...
    with open(sources_path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            repos.append(fields[0])
            family[fields[0]] = (fields[2].split() or ["?"])[0] if len(fields) > 2 else "?"

    per_repo = []
    per_rule = collections.defaultdict(collections.Counter)
    per_family = collections.defaultdict(collections.Counter)
    rows = []
    total = collections.Counter()
    for repo in repos:
        path = os.path.join(out, repo.replace("/", "+") + ".json")
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as f:
            try:
                report = json.load(f)
            except json.JSONDecodeError:
                report = {"files": [], "findings": []}
        files = report.get("files", [])
        records = sum(x.get("records") or 0 for x in files)
        counts = collections.Counter()
        file_verdicts = collections.defaultdict(collections.Counter)
        for finding in report.get("findings", []):
            verdict, reason = judge(rules, repo, finding)
            counts[verdict] += 1
            per_rule[finding["rule"]][verdict] += 1
            if finding["severity"] == "error":
                file_verdicts[finding["path"]][verdict] += 1
            rows.append((repo, finding["path"], str(finding.get("line") or ""),
                         finding["rule"], finding["severity"], verdict,
                         finding["message"].replace("\t", " "), reason))
        failing = len(file_verdicts)
        false_only = sum(1 for v in file_verdicts.values()
                         if v["false"] and not v["true"] and not v["debatable"]
                         and not v["unclassified"])
        n = sum(counts.values())
        per_repo.append((repo, len(files), records, n, counts, failing, false_only))
        total.update({"files": len(files), "records": records, "findings": n,
                      "failing": failing, "false_only": false_only})
        total.update(counts)
        per_family[family[repo]].update(counts)
        per_family[family[repo]].update({"repos": 1, "records": records})

    def pct(t, f):
        return f"{100.0 * t / (t + f):.1f} %" if t + f else "-"

    lines = ["| repository | files | records | findings | true | false | debatable | unclassified | files failing (errors) | failing on false alarms only |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for repo, nf, nr, n, c, failing, false_only in per_repo:
        lines.append(f"| {repo} | {nf} | {nr} | {n} | {c['true']} | {c['false']} | {c['debatable']} | {c['unclassified']} | {failing} | {false_only} |")
    lines.append(f"| **total ({len(per_repo)} repos)** | {total['files']} | {total['records']} | {total['findings']} | {total['true']} | {total['false']} | {total['debatable']} | {total['unclassified']} | {total['failing']} | {total['false_only']} |")
    lines.append("")
    lines.append(f"precision (true / (true + false)): {pct(total['true'], total['false'])}")
    lines.append("")
    lines.append("| publisher | repos | records | true | false | debatable | unclassified | precision |")
    lines.append("|---|---|---|---|---|---|---|---|")
    for fam in sorted(per_family, key=str.lower):
        c = per_family[fam]
        lines.append(f"| {fam} | {c['repos']} | {c['records']} | {c['true']} | {c['false']} | {c['debatable']} | {c['unclassified']} | {pct(c['true'], c['false'])} |")
    lines.append("")
    lines.append("| rule | true | false | debatable | unclassified |")
    lines.append("|---|---|---|---|---|")
    for rule in sorted(per_rule):
        c = per_rule[rule]
        lines.append(f"| {rule} | {c['true']} | {c['false']} | {c['debatable']} | {c['unclassified']} |")
    summary = "\n".join(lines) + "\n"
    with open(os.path.join(out, "summary.md"), "w", encoding="utf-8") as f:
        f.write(summary)
    with open(os.path.join(out, "findings.tsv"), "w", encoding="utf-8") as f:
        f.write("repository\tpath\tline\trule\tseverity\tverdict\tmessage\treason\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    sys.stdout.write(summary)


main()
