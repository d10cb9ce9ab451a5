#!/usr/bin/env python3
"""Cross-checks IfEvalRulesTest's expectations with CPython's own re, str and json.

lm-eval (and its nltk / langdetect dependencies) cannot be installed offline here, so this script restates, from
reading lm-eval's lm_eval/tasks/ifeval/instructions.py (commit 4e7e0d47f), the check of every instruction that needs
only Python's standard library, and runs it on the crafted responses of IfEvalRulesTest. The three language checks,
number_sentences (punkt) and capital_word_frequency (nltk.word_tokenize) are not covered. Exit status 1 on any
disagreement.

    python3 eval/tools/check_ifeval_cases.py
"""
import collections
import json
import re
import sys

LT, GE = "less than", "at least"


def rel(relation, n, t):
    return n < t if relation == LT else n >= t


def keywords_existence(v, keywords):
    return all(re.search(k, v, flags=re.IGNORECASE) for k in sorted(keywords))


def keywords_frequency(v, keyword, frequency, relation):
    return rel(relation, len(re.findall(keyword.strip(), v, flags=re.IGNORECASE)), frequency)


def forbidden_words(v, forbidden_words):
    return not any(re.search(r"\b" + w + r"\b", v, flags=re.IGNORECASE) for w in sorted(set(forbidden_words)))


def letter_frequency(v, letter, let_frequency, let_relation):
    return rel(let_relation, collections.Counter(v.lower())[letter.strip().lower()], let_frequency)


def number_paragraphs(v, num_paragraphs):
    parts = re.split(r"\s?\*\*\*\s?", v)
    n = len(parts)
    for i, p in enumerate(parts):
        if not p.strip():
            if i == 0 or i == len(parts) - 1:
                n -= 1
            else:
                return False
    return n == num_paragraphs


def number_words(v, num_words, relation):
    return rel(relation, len(re.findall(r"\w+", v)), num_words)


def nth_paragraph_first_word(v, num_paragraphs, nth_paragraph, first_word):
    parts = re.split(r"\n\n", v)
    n = len(parts) - sum(1 for p in parts if not p.strip())
    if nth_paragraph > n:
        return False
    p = parts[nth_paragraph - 1].strip()
    if not p:
        return False
    w = p.split()[0].strip().lstrip("'").lstrip('"')
    got = ""
    for ch in w:
        if ch in {".", ",", "?", "!", "'", '"'}:
            break
        got += ch.lower()
    return n == num_paragraphs and got == first_word.lower()


def number_placeholders(v, num_placeholders):
    return len(re.findall(r"\[.*?\]", v)) >= num_placeholders


def postscript(v, postscript_marker):
    m = postscript_marker.strip()
    v = v.lower()
    if m == "P.P.S":
        p = r"\s*p\.\s?p\.\s?s.*$"
    elif m == "P.S.":
        p = r"\s*p\.\s?s\..*$"
    else:
        p = r"\s*" + m.lower() + r".*$"
    return bool(re.findall(p, v, flags=re.MULTILINE))


def number_bullet_lists(v, num_bullets):
    a = re.findall(r"^\s*\*[^\*].*$", v, flags=re.MULTILINE)
    b = re.findall(r"^\s*-.*$", v, flags=re.MULTILINE)
    return len(a) + len(b) == num_bullets


def constrained_response(v):
    v = v.strip()
    return any(o in v for o in ("My answer is yes.", "My answer is no.", "My answer is maybe."))


def number_highlighted_sections(v, num_highlights):
    n = sum(1 for h in re.findall(r"\*[^\n\*]*\*", v) if h.strip("*").strip())
    n += sum(1 for h in re.findall(r"\*\*[^\n\*]*\*\*", v) if h.removeprefix("**").removesuffix("**").strip())
    return n >= num_highlights


def multiple_sections(v, section_spliter, num_sections):
    return len(re.split(r"\s?" + section_spliter.strip() + r"\s?\d+\s?", v)) - 1 >= num_sections


def json_format(v):
    v = (v.strip().removeprefix("```json").removeprefix("```Json").removeprefix("```JSON").removeprefix("```")
         .removesuffix("```").strip())
    try:
        json.loads(v)
    except ValueError:
        return False
    return True


def title(v):
    return any(t.lstrip("<").rstrip(">").strip() for t in re.findall(r"<<[^\n]+>>", v))


def two_responses(v):
    valid = []
    parts = v.split("******")
    for i, p in enumerate(parts):
        if not p.strip():
            if i != 0 and i != len(parts) - 1:
                return False
        else:
            valid.append(p)
    return len(valid) == 2 and valid[0].strip() != valid[1].strip()


def repeat_prompt(v, prompt_to_repeat):
    return v.strip().lower().startswith(prompt_to_repeat.strip().lower())


def end_checker(v, end_phrase):
    return v.strip().strip('"').lower().endswith(end_phrase.strip().lower())


def no_comma(v):
    return not re.search(r"\,", v)


def quotation(v):
    v = v.strip()
    return len(v) > 1 and v[0] == '"' and v[-1] == '"'


# (checker, kwargs, response, what IfEvalRulesTest expects)
CASES = [
    (keywords_existence, {"keywords": ["river", "Stone"]}, "A RIVER ran past the stone wall.", True),
    (keywords_existence, {"keywords": ["river", "Stone"]}, "riverbank and milestones", True),
    (keywords_existence, {"keywords": ["river", "Stone"]}, "A river, no rock.", False),
    (keywords_frequency, {"keyword": " cat ", "frequency": 3, "relation": GE}, "Cat, cat and CAT.", True),
    (keywords_frequency, {"keyword": " cat ", "frequency": 3, "relation": GE}, "concatenate the cats, cat", True),
    (keywords_frequency, {"keyword": " cat ", "frequency": 3, "relation": GE}, "cat cat", False),
    (keywords_frequency, {"keyword": "aa", "frequency": 2, "relation": LT}, "aaa", True),
    (keywords_frequency, {"keyword": "aa", "frequency": 2, "relation": LT}, "aaaa", False),
    (forbidden_words, {"forbidden_words": ["bad", "ugly"]}, "A badge and a badly drawn ugliness.", True),
    (forbidden_words, {"forbidden_words": ["bad", "ugly"]}, "That is BAD.", False),
    (forbidden_words, {"forbidden_words": ["bad", "ugly"]}, "ugly_duck? no: ugly-duck", False),
    (forbidden_words, {"forbidden_words": ["bad"]}, "bad_idea", True),
    (letter_frequency, {"letter": "Z", "let_frequency": 3, "let_relation": GE}, "Zebra zigzag", True),
    (letter_frequency, {"letter": "Z", "let_frequency": 3, "let_relation": GE}, "Zebra puzle", False),
    (letter_frequency, {"letter": "z", "let_frequency": 2, "let_relation": LT}, "Zz", False),
    (number_paragraphs, {"num_paragraphs": 3}, "One\n***\nTwo\n***\nThree", True),
    (number_paragraphs, {"num_paragraphs": 3}, "***\nOne\n***\nTwo\n***\nThree\n***", True),
    (number_paragraphs, {"num_paragraphs": 3}, "One\n***\n\n***\nTwo\n***\nThree", False),
    (number_paragraphs, {"num_paragraphs": 3}, "One\n***\nTwo", False),
    (number_words, {"num_words": 5, "relation": LT}, "it's o'clock", True),
    (number_words, {"num_words": 5, "relation": LT}, "it's 3 o'clock", False),
    (number_words, {"num_words": 3, "relation": GE}, "naïve café—déjà", True),
    (number_words, {"num_words": 3, "relation": GE}, "snake_case_word x", False),
    (nth_paragraph_first_word, {"num_paragraphs": 3, "nth_paragraph": 2, "first_word": "Because"},
     "Intro.\n\n\"Because, of course.\"\n\nEnd.", True),
    (nth_paragraph_first_word, {"num_paragraphs": 3, "nth_paragraph": 2, "first_word": "Because"},
     "Intro.\n\nSince then.\n\nEnd.", False),
    (nth_paragraph_first_word, {"num_paragraphs": 3, "nth_paragraph": 2, "first_word": "Because"},
     "Intro.\n\nBecause.\n\nEnd.\n\nMore.", False),
    (nth_paragraph_first_word, {"num_paragraphs": 3, "nth_paragraph": 2, "first_word": "Because"},
     "Intro.\n\n\n\nBecause x.\n\nEnd.", False),
    (number_placeholders, {"num_placeholders": 2}, "Dear [name], at [address].", True),
    (number_placeholders, {"num_placeholders": 2}, "Dear [name\n], at [address].", False),
    (number_placeholders, {"num_placeholders": 2}, "[][x]", True),
    (postscript, {"postscript_marker": "P.S."}, "Body.\n\np.s. see you", True),
    (postscript, {"postscript_marker": "P.S."}, "Body. P. S. later", True),
    (postscript, {"postscript_marker": "P.S."}, "Body.\nPS: later", False),
    (postscript, {"postscript_marker": "P.P.S"}, "Body\nP.P.S more", True),
    (postscript, {"postscript_marker": "P.P.S"}, "Body\nP.S. more", False),
    (postscript, {"postscript_marker": " Note: "}, "Body\nNOTE: x", True),
    (number_bullet_lists, {"num_bullets": 3}, "Intro\n* one\n* two\n- three", True),
    (number_bullet_lists, {"num_bullets": 3}, "Intro\n* one\n** bold\n- three", False),
    (number_bullet_lists, {"num_bullets": 3}, "* one\n* two\n* three\n* four", False),
    (number_bullet_lists, {"num_bullets": 3}, "-a\n -b\n\t-c", True),
    (constrained_response, {}, "  Well... My answer is maybe.  ", True),
    (constrained_response, {}, "My answer is yes", False),
    (number_highlighted_sections, {"num_highlights": 2}, "*one* and *two*", True),
    (number_highlighted_sections, {"num_highlights": 2}, "**bold** text", False),
    (number_highlighted_sections, {"num_highlights": 2}, "**bold** and *it*", True),
    (number_highlighted_sections, {"num_highlights": 2}, "* * and *\nx*", False),
    (multiple_sections, {"section_spliter": " Section ", "num_sections": 2}, "Section 1\nabc\nSection 2\ndef", True),
    (multiple_sections, {"section_spliter": " Section ", "num_sections": 2}, "SECTION 1\nabc\nSECTION 2\ndef", False),
    (multiple_sections, {"section_spliter": " Section ", "num_sections": 2}, "Section 1\nabc\nSection two\ndef", False),
    (json_format, {}, "```json\n{\"a\": [1, 2.5e3, null, true]}\n```", True),
    (json_format, {}, "  {\"x\": NaN, \"y\": -Infinity}  ", True),
    (json_format, {}, "\"just a string\"", True),
    (json_format, {}, "{'a': 1}", False),
    (json_format, {}, "{\"a\": 1,}", False),
    (json_format, {}, "{\"a\": 01}", False),
    (json_format, {}, "Here it is: {\"a\": 1}", False),
    (json_format, {}, "```JSON\n{\"a\": \"tab\there\"}\n```", False),
    (title, {}, "<<A Poem of Joy>>\nlines", True),
    (title, {}, "<<  >> and <<\n>>", False),
    (title, {}, "<<<>>> x <<y>>", True),
    (two_responses, {}, "First answer.\n******\nSecond answer.", True),
    (two_responses, {}, "******\nFirst\n******\nSecond\n******", True),
    (two_responses, {}, "Same\n******\n Same ", False),
    (two_responses, {}, "A\n******\n\n******\nB", False),
    (repeat_prompt, {"prompt_to_repeat": "Write a haiku about rain."}, "  WRITE A HAIKU ABOUT RAIN. Drops fall...", True),
    (repeat_prompt, {"prompt_to_repeat": "Write a haiku about rain."}, "Sure! Write a haiku about rain.", False),
    (end_checker, {"end_phrase": "Any other questions? "}, "Done. any other questions?\"  \n", True),
    (end_checker, {"end_phrase": "Any other questions? "}, "Any other questions? Thanks.", False),
    (no_comma, {}, "No commas here; none at all，fullwidth is not ASCII", True),
    (no_comma, {}, "One, two", False),
    (quotation, {}, "  \"Wrapped.\"\n", True),
    (quotation, {}, "\"", False),
    (quotation, {}, "“Curly”", False),
]


def main():
    bad = 0
    for check, kwargs, response, expected in CASES:
        got = bool(response.strip()) and check(response, **kwargs)
        if got != expected:
            bad += 1
            print(f"MISMATCH {check.__name__} {kwargs} {response!r}: Python {got}, test expects {expected}")
    print(f"{len(CASES) - bad} of {len(CASES)} cases agree with CPython {sys.version.split()[0]}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
