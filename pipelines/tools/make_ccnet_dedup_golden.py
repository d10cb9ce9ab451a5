#!/usr/bin/env python3
"""Writes the golden file for CcNetNormalizerTest: cc_net's normalize_for_dedup and its 8-byte SHA-1 line hash.

The normalisation is re-stated from cc_net's documented algorithm (text_normalizer.normalize_for_dedup,
dedup.compute_hashes): Python's str.strip(), str.lower(), re's Unicode \\d -> "0", then delete the 34 unicode punctuation
characters and the C0/C1 control characters. Running it under CPython makes Python's own Unicode semantics the reference.
Output: one JSON object per line {"line", "normalized", "hash"} (hash = unsigned little-endian uint64 of sha1[:8]).
"""
import hashlib, json, re, sys

PUNCT = "，。、„”“«»１」「《》´∶：？！（）；–—．～’…━〈〉【】％►"
CONTROL = "".join(map(chr, list(range(0, 32)) + list(range(127, 160))))
DROP = re.compile("[" + re.escape(PUNCT + CONTROL) + "]")
DIGIT = re.compile(r"\d")

def normalize(line):
    line = line.strip()
    if not line:
        return line
    return DROP.sub("", DIGIT.sub("0", line.lower()))

def line_hash(line):
    return int.from_bytes(hashlib.sha1(normalize(line).encode("utf-8")).digest()[:8], "little")

LINES = [
    "", "   ", "\t\n", "Hello World", "  Hello World  ", "HELLO world", "Price: 1,234.56 $", "Tel. +33 (0)1 23 45 67 89",
    "Café au lait – déjà vu", "ÀÉÎÕÜ çñ", "İstanbul", "ΟΔΟΣ ΣΟΦΟΣ", "Straße ẞ", "ǅungla", "ﬁnancial ﬂow",
    "«Bonjour» „Hallo“ “quoted” ’apostrophe’", "Chinese，punctuation。here、and？！（yes）；：",
    "dash–en—em…ellipsis━►", "full１width％and【brackets】〈angle〉《book》「corner」", "Arabic ٠١٢٣٤٥٦٧٨٩ digits",
    "Devanagari ०१२३ digits", "Thai ๑๒๓ digits", "fullwidth ０１２ digits", "superscript ² ³ ¹ (not \\d)", "roman Ⅻ numeral",
    "math 𝟘𝟙𝟚 digits", "ctrl\x00\x01\x1fchars\x7f\x80\x9f", "nbsp\u00a0inside\u00a0", "\u00a0edge nbsp\u00a0",
    "\u2003em-space edge\u3000", "\x1c\x1dfile sep\x1e\x1f", "\x85next line", "zero\u200bwidth", "emoji 😀 ok 👍🏽",
    "tab\tinside", "ASCII punctuation !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ kept", "Ｆｕｌｌｗｉｄｔｈ ＬＥＴＴＥＲＳ",
    "Copyright © 2019 All rights reserved.", "Cookie policy | Privacy | Terms", "１２３", "x" * 300,
    "mixed\u2028separator", "combining e\u0301 accent", "KELVIN \u212a sign", "dotless ı and I",
]

def main(out):
    with open(out, "w", encoding="utf-8") as f:
        for line in LINES:
            f.write(json.dumps({"line": line, "normalized": normalize(line), "hash": str(line_hash(line))},
                               ensure_ascii=True) + "\n")

if __name__ == "__main__":
    main(sys.argv[1])
