"""How many a clause says were killed and wounded.

A casualty word ("مقتل"، "إصابة"، "قتلى"، "جريحا"، "قتلوا") takes the count right after it
("مقتل 4"، "مقتل أربعة جنود"، "مقتل شخصين"، "مقتل ضابط": one), or, failing that, one
shortly before it ("19 جريحا"، "ستة من رجال الجيش قتلوا"). A count may be a list joined
by "and" ("إصابة تسعة شرطيين وستة عناصر وأربعة مدنيين": 19) and stops at "among them"
("مقتل 19، بينهم قيادي"). Vague quantities (عشرات، عدد من) are no count, nor are things
counted ("أصابت خمس وحدات"), nor a count of the killed and wounded together ("مقتل وجرح
45"، "66 قتيلا وجريحا"); "no casualties" is zero of each; casualties told after another
kind of happening (a protest, a traffic accident) are that one's. Digits, Arabic-Indic
digits and number words all count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .scan import Hit, Scan

LIST_GAP = 6  # words of description between two counts of one list
BEFORE_GAP = 5  # words between a count and the casualty word after it
YEARS = range(1900, 2101)  # a figure like these before a casualty word is a year
_DIGITS = re.compile(r"(\D{0,3})(\d+)$")
_WORD = re.compile(r"\S+")
COUNTS = {"number", "digit", "pair", "person"}
CUES = {"killed", "wounded"}
TOLD = CUES | {"none"}  # a clause without these states no casualties


@dataclass(frozen=True, slots=True)
class Token:
    role: str  # a role of events.toml's [casualties] or [numbers], "digit" or "word"
    value: int
    clitic: str
    joined: bool = False  # a word of the vocabulary with but a space before it (no comma)


_WORD_TOKEN = Token("word", 0, "")
_SIDE_TOKEN = Token("side", 0, "")


def casualties(scan: Scan, start: int, end: int) -> tuple[int | None, int | None]:
    """(killed, wounded) that ``text[start:end]`` states, None where it states no number."""
    hits = scan.counts.within(start, end)
    if not any(scan.vocab.count[h.form][0] in TOLD for h in hits):
        return None, None
    tokens = _tokens(scan, start, end, hits)
    total = {"killed": None, "wounded": None}
    used: set[int] = set()
    bare = None  # the index of the last casualty word that found no count
    for i, tok in enumerate(tokens):
        if tok.role == "other":
            break
        if tok.role not in CUES:
            continue
        n, taken = _after(tokens, i + 1)
        if bare == i - 1 and tok.joined and tokens[i - 1].role != tok.role and \
                tok.clitic.startswith(scan.vocab.coordination):
            used |= taken or set()  # "مقتل وجرح 45": the two together, neither's count
            continue
        if n is None and taken is None:
            n, taken = _before(tokens, i, used)
            if n is not None and _pair(tokens, i, scan.vocab.coordination):
                used |= taken  # "66 قتيلا وجريحا": the two together, neither's count
                continue
        if n is None and taken is not None and not taken and tok.value:
            n = tok.value  # "ويقتلونه": the pronoun's one
        if n is not None and not taken & used:
            used |= taken
            total[tok.role] = (total[tok.role] or 0) + n
        elif n is None:
            bare = i
    if total == {"killed": None, "wounded": None} and any(t.role == "none" for t in tokens):
        return 0, 0
    return total["killed"], total["wounded"]


def _pair(tokens: list[Token], i: int, coordination: str) -> bool:
    """Whether the casualty word at ``i`` and the next one, of the other role, are
    joined by "and" into one ("قتيلا وجريحا"; not "قتيلا وإصابة 30")."""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return (nxt is not None and nxt.role in CUES and nxt.role != tokens[i].role
            and nxt.joined and nxt.clitic.startswith(coordination)
            and _after(tokens, i + 2)[1] is None)


def _tokens(scan: Scan, start: int, end: int, hits: list[Hit]) -> list[Token]:
    """The words of the span, those of the vocabulary (``hits``) by their role."""
    ft = scan.folded.text
    fs, fe = scan.to_folded(start), scan.to_folded(end)
    at_word = {h.fstart - len(h.clitic): h for h in hits}
    # a side named as a verb's subject stands between it and its count (VSO: "قتلت
    # القوات الأمنية 10 من عناصر داعش")
    sides = {h.fstart - len(h.clitic): h.fend for h in scan.sides.within(start, end)}
    tokens, pos, side_end = [], fs, -1
    for word in _WORD.finditer(ft, fs, fe):
        at = word.start()
        if at < pos:
            continue
        hit = at_word.get(at)
        if hit is None and (at in sides or at < side_end):
            side_end = max(side_end, sides.get(at, -1))
            tokens.append(_SIDE_TOKEN)  # a token a word, as the distances count words
            continue
        if hit:
            role, value = scan.vocab.count[hit.form]
            # a pronoun's count ("قتله": one) written with ة is a noun ("قتلة": killers)
            noun = role in CUES and value and scan.written_as_noun(hit)
            # punctuation folds to a space: one space, and nothing stood between
            joined = ft[at - 2 : at] != "  "
            tokens.append(_WORD_TOKEN if noun else Token(role, value, hit.clitic, joined))
            pos = hit.fend
            continue
        digits = _DIGITS.match(word.group()) if word.group()[-1].isdigit() else None
        if digits and (not digits[1] or digits[1] in scan.vocab.proclitics):
            tokens.append(Token("digit", int(digits[2]), digits[1]))
        else:
            tokens.append(_WORD_TOKEN)
    return tokens


def _number(tokens: list[Token], j: int) -> tuple[int | None, int]:
    """The count starting at ``tokens[j]`` and the index after it."""
    tok = tokens[j]
    if tok.role in ("pair", "person"):
        j += 1
        if tok.role == "person" and j < len(tokens) and tokens[j].value == 1 and \
                tokens[j].role == "number":
            j += 1  # "شخص واحد"
        return tok.value, j
    if tok.role not in ("number", "digit", "times"):
        return None, j
    value, j = tok.value, j + 1
    while j < len(tokens):  # "خمسة وعشرين", "ثلاثة آلاف", "20 ألف"
        nxt = tokens[j]
        if nxt.role == "times" and not nxt.clitic:
            value, j = value * nxt.value if value else nxt.value, j + 1
        elif nxt.role == "number" and nxt.clitic and nxt.value >= 20 and value < 10:
            value, j = value + nxt.value, j + 1
        else:
            break
    return value, j


def _after(tokens: list[Token], j: int) -> tuple[int | None, set[int] | None]:
    """The count (with its list) right after a casualty word: (n, indexes taken), or
    (None, set()) for a vague one, or (None, None) for none at all."""
    subject = False
    while j < len(tokens) and tokens[j].role in ("filler", "side"):
        if tokens[j].clitic:  # "80 قتيلا، وأكثر من 200 جريح": the next word's count
            return None, None
        subject = subject or tokens[j].role == "side"
        j += 1
    if subject and (j >= len(tokens) or tokens[j].role not in ("number", "digit")):
        return None, None  # "قتلى داعش أحد قادته": whose dead, and one among them
    if j >= len(tokens):
        return None, None
    if tokens[j].role == "vague":
        return None, set()
    if tokens[j].clitic:  # "4 قتلى و9 جرحى": the next count is another word's
        return None, None
    first = j
    total, j = _number(tokens, j)
    if total is None:
        return None, None
    if j < len(tokens) and tokens[j].role == "thing":
        return None, set()  # "أصابت خمس وحدات": no one
    gap = 0
    while j < len(tokens) and gap <= LIST_GAP:
        tok = tokens[j]
        if tok.role in CUES or tok.role in ("among", "none", "vague"):
            break
        if tok.clitic and tok.role in COUNTS:
            n, j = _number(tokens, j)
            total, gap = total + n, 0
            continue
        gap, j = gap + 1, j + 1
    return total, set(range(first, j))


def _before(tokens: list[Token], i: int, used: set[int]) -> tuple[int | None, set[int]]:
    """A count a few words before the casualty word at ``i`` ("19 جريحا"), not of
    things ("21 ضربة جوية أصابت")."""
    for k in range(i - 1, max(i - BEFORE_GAP - 2, -1), -1):
        tok = tokens[k]
        if tok.role in CUES or k in used:
            break
        if tok.role in ("number", "digit", "pair") and tok.value not in YEARS:
            n, j = _number(tokens, k)
            if j < len(tokens) and tokens[j].role == "thing":
                break  # "نفذ 21 ضربة جوية أصابت مواقع": strikes counted, no one
            return n, {k}
    return None, set()
