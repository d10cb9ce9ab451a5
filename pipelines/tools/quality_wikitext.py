#!/usr/bin/env python3
"""Turns tokenized WikiText-2 files into JSONL articles for the default quality model's positives.

WikiText-2 (Merity et al. 2016; Wikipedia Good and Featured articles, CC BY-SA 3.0) is stored tokenized: " @-@ ",
" @,@ ", " @.@ " for in-word hyphens and number separators, "<unk>" for rare words, spaces around punctuation, and
" = Title = " lines opening each article (" = = Section = = " for sections). This writes one JSON object per article,
{"title", "text"}, with the separators re-joined, "<unk>" removed, heading markers stripped and spaces before
punctuation closed, so that the text looks like page text; paragraphs stay on their own lines.

usage: quality_wikitext.py OUT.jsonl WIKITEXT_FILE...
"""
import json, re, sys

TITLE = re.compile(r"^ = ([^=].*[^=]) = $")
HEADING = re.compile(r"^ (=+) (.*?) \1 $")

def detok(s):
    s = s.replace(" @-@ ", "-").replace(" @,@ ", ",").replace(" @.@ ", ".").replace("<unk>", "")
    s = re.sub(r" ([.,;:!?)\]'])", r"\1", s)
    s = re.sub(r"([(\[]) ", r"\1", s)
    s = s.replace(" n't", "n't")
    return re.sub(r"  +", " ", s).strip()

def articles(path):
    title, lines = None, []
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            m = TITLE.match(line)
            if m:
                if title is not None:
                    yield title, lines
                title, lines = detok(m.group(1)), []
                continue
            h = HEADING.match(line)
            text = detok(h.group(2)) if h else detok(line)
            if text:
                lines.append(text)
    if title is not None:
        yield title, lines

def main():
    out, files = sys.argv[1], sys.argv[2:]
    n = 0
    with open(out, "w", encoding="utf-8") as w:
        for p in files:
            for title, lines in articles(p):
                w.write(json.dumps({"title": title, "text": title + "\n" + "\n".join(lines)}, ensure_ascii=False) + "\n")
                n += 1
    print(f"{out}: {n} articles", file=sys.stderr)

if __name__ == "__main__":
    main()
