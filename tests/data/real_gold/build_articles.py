#!/usr/bin/env python3
"""Rebuild the real news articles of the project's own real-news event set from the T17 corpus.

The articles come from the Timeline17 timeline-summarisation corpus (Tran et al. 2013), which the
public repository Haruhi07/news-tls-best vendors under
dataset/Timeline17/<topic>/InputDocs/<date>/<n>.htm.txt, PTB-tokenised, one sentence per line, with
page furniture run into the text. Their texts are third-party copy: they are never committed; this
script rebuilds them on the reader's machine from a git directory of that repository.

One JSON file per article under specs/ says how (keys):
    id       output name without .txt (<outlet>_<topic>_<yyyymmdd>_<n>)
    src      <topic>/InputDocs/<date>/<n>.htm.txt
    title    optional headline, written as the first line (must occur near the start of the source)
    start    where the kept text starts; `end` optional, where it stops
    drop     optional strings removed from the kept text (each must occur exactly once)
    fix      optional [old, new] repairs applied to the paragraphs (each old must occur once)
    sha256   digest of the built file, checked with --check

Usage:
    python tests/data/real_gold/build_articles.py GIT_DIR --out DIR [--check]
    ln -sfn "$PWD/tests/data/real_gold/gold" DIR/../gold      # then score with --set DIR/..

Standard library and the git executable only; the output is byte-for-byte reproducible.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

COMMIT = "241dc09951391d4682c2306e2341a2b7e02eabbe"
ROOT = "dataset/Timeline17"
SPECS = Path(__file__).with_name("specs")

BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
CLITICS = {"'s", "'re", "'ve", "'ll", "'d", "'m", "n't", "'S", "'RE", "'VE", "'LL", "'D", "'M", "N'T"}
ATTACH_LEFT = {",", ".", ";", ":", "?", "!", "%", ")", "]", "}", "''", "'", "...", "..", "!!", "?!"}
ATTACH_RIGHT = {"(", "[", "{", "``", "`", "$"}
QUOTES = {"``": '"', "''": '"', "`": "'"}


def detokenise(line: str) -> str:
    """One PTB-tokenised sentence as ordinary text."""
    words = [BRACKETS.get(t, t).replace("\\/", "/").replace("\\*", "*") for t in line.split()]
    out: list[str] = []
    glue_next = False
    for i, word in enumerate(words):
        opening_quote = word == "'" and i == 0
        attaches_left = (word in ATTACH_LEFT or word in CLITICS) and not opening_quote
        if word == "." and out and out[-1].endswith("."):
            continue
        if out and not attaches_left and not glue_next:
            out.append(" ")
        out.append(QUOTES.get(word, word))
        glue_next = word in ATTACH_RIGHT or opening_quote
    text = re.sub(r"\bcan not\b", "cannot", "".join(out))
    return re.sub(r"\b(gon|wan|got) (na|ta)\b", r"\1\2", text)


def paragraphs(lines: list[str]) -> list[str]:
    """Sentences -> paragraphs: a quotation split over lines is joined up to its closing quote (within
    8 lines, unless another quotation opens first), and a line starting in lower case continues the
    paragraph before it."""
    paras: list[str] = []
    i = 0
    while i < len(lines):
        para, j = lines[i], i + 1
        if para.count('"') % 2 == 1:
            quotes = para.count('"')
            for k in range(i + 1, min(i + 9, len(lines))):
                if lines[k].startswith('"'):
                    break
                quotes += lines[k].count('"')
                if quotes % 2 == 0:
                    para, j = " ".join(lines[i : k + 1]), k + 1
                    break
        if paras and para[:1].islower():
            paras[-1] += " " + para
        else:
            paras.append(para)
        i = j
    return paras


def _once(text: str, part: str, what: str, spec_id: str) -> None:
    if text.count(part) != 1:
        raise SystemExit(f"{spec_id}: {what} occurs {text.count(part)} times: {part[:60]!r}")


def build(spec: dict[str, Any], raw: str) -> str:
    """The article text of one spec from its source file."""
    text = "\n".join(detokenise(line) for line in raw.splitlines() if line.strip())
    title = spec.get("title")
    if title and title not in text[:2000]:
        raise SystemExit(f"{spec['id']}: title not found in the source's first 2000 characters")
    start = text.find(spec["start"])
    if start < 0:
        raise SystemExit(f"{spec['id']}: start marker not found")
    text = text[start:]
    if "end" in spec:
        end = text.find(spec["end"])
        if end < 0:
            raise SystemExit(f"{spec['id']}: end marker not found")
        text = text[:end]
    for drop in spec.get("drop", []):
        _once(text, drop, "drop string", spec["id"])
        text = text.replace(drop, "")
    body = "\n\n".join(paragraphs([line.strip() for line in text.split("\n") if line.strip()]))
    for old, new in spec.get("fix", []):
        _once(body, old, "fix string", spec["id"])
        body = body.replace(old, new)
    return (title + "\n\n" if title else "") + body + "\n"


def source_text(git_dir: str, path: str) -> str:
    """A T17 source file as stored at COMMIT."""
    git = shutil.which("git") or "git"
    result = subprocess.run(
        [git, f"--git-dir={git_dir}", "show", f"{COMMIT}:{ROOT}/{path}"], check=True, capture_output=True
    )
    return result.stdout.decode("utf-8")


def load_specs() -> list[dict[str, Any]]:
    """Every article spec, in name order."""
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(SPECS.glob("*.json"))]


def main(argv: list[str] | None = None) -> int:
    """Build every article; with --check, compare each with its spec's sha256."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("git_dir", help="git directory of Haruhi07/news-tls-best")
    parser.add_argument("--out", required=True, help="folder the articles are written to")
    parser.add_argument("--check", action="store_true", help="compare every file with its spec's sha256")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    mismatched = []
    specs = load_specs()
    for spec in specs:
        name = f"{spec['id']}.txt"
        data = build(spec, source_text(args.git_dir, spec["src"])).encode("utf-8")
        (out / name).write_bytes(data)
        digest = hashlib.sha256(data).hexdigest()
        flag = ""
        if args.check and spec.get("sha256") != digest:
            mismatched.append(name)
            flag = "  MISMATCH"
        print(f"{digest}  {name}  ({len(data.decode('utf-8').split())} words){flag}")
    if args.check:
        if mismatched:
            print("check FAILED: " + ", ".join(mismatched), file=sys.stderr)
            return 1
        print(f"all {len(specs)} files match")
    return 0


if __name__ == "__main__":
    sys.exit(main())
