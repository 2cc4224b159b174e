"""What the event vocabulary finds in one text, in both offsets.

A :class:`Hit` is a word or phrase of the vocabulary at ``text[start:end]`` (offsets of
the text as read) and ``[fstart, fend)`` of the folded text (the clitic, if any, just
before ``fstart``). :class:`Scan` holds the hits of every family, sorted, and answers what
lies in a span or right before a word.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import cache, cached_property
from operator import itemgetter
from typing import NamedTuple

from ..context import head_table, word_after, word_before, words_before
from ..dates import sentence_ends
from ..matcher import longest
from ..normalize import Normalized, words
from .vocabulary import Vocabulary

# How far back a cue reaches: "منع أي عمليات تسلل"، "رفض بغداد لقيام أنقرة بعمليات".
BEFORE_WORDS = 4
SMALL_BEFORE = 2  # how far back a one-word cue reaches: "لم تنفجر"، "الذي استهدف"
ADJACENT = 3  # spaces between a cue and the word after it (punctuation folds to spaces)
FAMILIES = ("things", "sides", "counts", "cues")  # found around the triggers
WINDOW_BACK = 2  # sentences before a trigger's own that are read too (a scene may be there)
PLAN_REACH = 40  # characters from a plan verb to the trigger it governs
BEARING, WITHIN, IN = "bearing", "within", "in"
AFFILIATION, BUILDING, HOUSED = "affiliation", "building", "housed"
TOWN = "settlement"  # the kind of head word of a town ("مدينة")


class Hit(NamedTuple):
    """A word or phrase of the vocabulary, found (see above): a named tuple, since a text
    has dozens, each built in one step."""

    start: int
    end: int
    fstart: int
    fend: int
    form: str
    clitic: str


_new = tuple.__new__
_start = itemgetter(0)


class Hits(list):
    """Hits sorted by start, found in a span by bisection (a long page has thousands)."""

    def within(self, start: int, end: int) -> list[Hit]:
        """The hits that start in ``[start, end)`` of the text."""
        return self[bisect_left(self, start, key=_start) : bisect_left(self, end, key=_start)]


class Scan:
    """The vocabulary's hits in ``text``, by family (see :class:`Vocabulary`). ``names``:
    the spans of the place names found in it, sorted; a word that a name holds with the
    letter before it ("بعقوبة" is no "ب" + "عقوبة") is no hit. ``unread``: sorted spans
    whose triggers report nothing (readers' comments). ``may_report[i]``: whether trigger
    ``i`` may report an incident by its own words (the other families are read around
    those only)."""

    def __init__(self, text: str, vocab: Vocabulary, names: Sequence[tuple[int, int]] = (),
                 unread: Sequence[tuple[int, int]] = ()):
        self.text = text
        self.vocab = vocab
        self._small: dict[int, tuple[set[str], set[str]]] = {}
        self._names, self._name_starts = names, [start for start, _ in names]
        self.folded: Normalized = words(text)
        padded = f" {self.folded.text} "
        self.triggers = self._hits(vocab.triggers.hits_in(padded))
        if unread:
            self.triggers = Hits([t for t in self.triggers if not _in_spans(t.start, unread)])
        of = vocab.trigger
        if any(of[t.form].future for t in self.triggers):
            # a future form that is a place's whole name is the place ("سيدكان": Sidakan)
            named = set(names)
            self.triggers = Hits([t for t in self.triggers
                                  if not (of[t.form].future and (t.start, t.end) in named)])
        self.may_report = [self._may_report(i) for i in range(len(self.triggers))]
        # The other families matter only where something may have happened: in the
        # sentences of the triggers that may report and the few before them (where a scene
        # may be), each read on its own (a window starts and ends at a sentence end, folded
        # to a space).
        families: dict[str, list[tuple]] = {family: [] for family in FAMILIES}
        held, context = vocab.families, vocab.context
        for lo, hi in self._windows():
            for hit in context.hits_in(padded, lo, hi + 2):
                for family in held[hit[2]]:
                    families[family].append(hit)
        self.things = self._hits(families["things"])
        self.sides = self._hits(families["sides"])
        self.counts = self._hits(families["counts"])
        # A cue inside a side's name is part of the name ("جهاز مكافحة الإرهاب").
        sides = self.sides
        cues = self._hits(families["cues"])
        self.cues = Hits([h for h in cues if not _inside(h, sides)]) if sides else cues
        # Every class of cue read: a sentence is searched for one only when the text has it.
        self.cue_kinds: set[str] = set().union(*[vocab.cue[h.form] for h in self.cues])

    def _may_report(self, i: int) -> bool:
        """Whether trigger ``i`` may report something that happened, by its words alone:
        not a future form or a plan; not a verb written as a noun ("من قبضة داعش": a grip,
        no "قبضه", he seized him) or a time of day ("فجر الجمعة": at dawn, no "فجّر"); not
        a noun with the proclitic of purpose ("حملة لمصادرة الأسلحة": what was meant, not
        what was done); not governed by a plan verb shortly before ("ستنفذ قوات ...
        عمليات أمنية")."""
        t, of, vocab = self.triggers[i], self.vocab.trigger, self.vocab
        trig = of[t.form]
        if trig.future or trig.type == "plan" or (trig.verb and self.written_as_noun(t)):
            return False
        if t.form in vocab.times and word_after(self.folded.text, t.fend) in vocab.days:
            return False
        proclitic, types = vocab.purpose
        if not trig.verb and trig.type in types and t.clitic.endswith(proclitic):
            return False
        return not any(of[h.form].type == "plan" and t.fstart - h.fend < PLAN_REACH
                       for h in self.triggers[max(0, i - 2) : i])

    def _windows(self) -> list[tuple[int, int]]:
        """Folded spans of the sentences that hold triggers that may report, with the
        sentences before."""
        ends, windows = sentence_ends(self.text), []
        for t, may in zip(self.triggers, self.may_report, strict=True):
            if not may or windows and t.fstart < windows[-1][1]:
                continue
            i = bisect_left(ends, t.start)
            first = i - WINDOW_BACK - 1
            lo = ends[first] + 1 if first >= 0 else 0
            hi = ends[i] if i < len(ends) else len(self.text)
            lo, hi = self.to_folded(lo), self.to_folded(hi)
            if windows and lo <= windows[-1][1]:
                lo = windows.pop()[0]
            windows.append((lo, hi))
        return windows

    def _hits(self, raw: list[tuple]) -> Hits:
        """The longest of overlapping raw hits of one family."""
        kept = longest(raw)
        if not kept:
            return Hits()
        ft = self.folded.text
        fstarts = [word + clitic for word, _, _, clitic in kept]
        starts, ends = self.folded.originals(fstarts, [hit[1] for hit in kept])
        in_name = self._in_name
        return Hits([_new(Hit, (start, end, fstart, hit[1], hit[2],
                                ft[hit[0] : fstart] if hit[3] else ""))
                     for start, end, fstart, hit in zip(starts, ends, fstarts, kept, strict=True)
                     if not (hit[3] and in_name(start, end))])

    def _in_name(self, start: int, end: int) -> bool:
        """Whether a place name begins before ``[start, end)`` (on its clitic) and holds it."""
        i = bisect_left(self._name_starts, start) - 1
        return i >= 0 and self._names[i][1] >= end

    def cue_classes(self, start: int, end: int) -> set[str]:
        """Every class of cue found in ``text[start:end]``."""
        return {c for h in self.cues.within(start, end) for c in self.vocab.cue[h.form]}

    def cues_before(self, fpos: int, n: int = BEFORE_WORDS) -> set[str]:
        """The classes of the cues among the ``n`` words before folded position ``fpos``
        (a word's start)."""
        ft, fstarts, cues = self.folded.text, self._cue_fstarts, self.cues
        found: set[str] = set()
        i = bisect_left(fstarts, fpos)
        while i and len(ft[fstarts[i - 1] : fpos].split()) <= n:
            i -= 1
            if cues[i].fend <= fpos:
                found |= self.vocab.cue[cues[i].form]
        return found

    def small_around(self, hit: Hit) -> tuple[set[str], set[str]]:
        """The classes of the common one-word cues among the ``SMALL_BEFORE`` words before
        ``hit`` and of the word right after it (looked up once per hit: a trigger is
        asked several times)."""
        found = self._small.get(hit.fstart)
        if found is None:
            ft, small = self.folded.text, self.vocab.small
            before = set().union(*(small.get(w, ()) for w in
                                   words_before(ft, hit.fstart - len(hit.clitic), SMALL_BEFORE)))
            after = small.get(word_after(ft, hit.fend), set())
            found = self._small[hit.fstart] = (before, after)
        return found

    def around(self, hit: Hit, n: int) -> tuple[int, int]:
        """The span of the text from ``n`` words before ``hit`` to ``n`` words after it."""
        ft, lo, hi = self.folded.text, hit.fstart - len(hit.clitic), hit.fend
        for _ in range(n):
            lo = word_before(ft, lo)[0]
            nxt = ft.find(" ", hi + 1)
            hi = len(ft) if nxt < 0 else nxt
        return self.folded.original(lo), self.folded.original_end(hi)

    @cached_property
    def _cue_fstarts(self) -> list[int]:
        return [h.fstart - len(h.clitic) for h in self.cues]

    def written_as_noun(self, hit: Hit) -> bool:
        """Whether ``hit`` is written with the letter of a noun ("قبضة" grip, "قتلة"
        killers), which folds like a verb with its pronoun ("قبضه"، "قتله")."""
        return self.vocab.noun_ending in self.text[hit.start : hit.end]

    def to_folded(self, offset: int) -> int:
        """The folded position of an offset of the text."""
        return self.folded.position(offset)

    def cue_right_before(self, offset: int) -> set[str]:
        """The classes of the cues that stand right before the word at ``offset``, or
        before the place-kind head words ("محافظة", "قضاء") and clitic in front of it:
        "شمال محافظة كركوك", "مجلس محافظة الأنبار", "في قضاء سنجار"; and "within" for a
        bearing in a town ("في جنوب مدينة الرمادي": a part of it; "في شمال بغداد" may be a
        region beyond it), "housed" for an institution's building ("مقر شرطة أربيل")."""
        ft = self.folded.text
        pos = self.to_folded(offset)
        pos = ft.rfind(" ", 0, pos) + 1  # the start of the word, its clitic included
        found = self._cues_ending(pos)
        while True:
            start, word = word_before(ft, pos)
            if word not in _place_heads() or start == pos:
                return found | self.vocab.small.get(word, set())
            pos = start
            found |= self._cues_ending(pos, head_table()[word].kind == TOWN)

    def _cues_ending(self, pos: int, town: bool = False) -> set[str]:
        """The classes of the cues that end right before folded position ``pos`` (where
        ``town``, the head word of a town starts)."""
        ft, fends, vocab = self.folded.text, self._cue_fends, self.vocab
        found: set[str] = set()
        i = bisect_right(fends, pos)
        while i and pos - fends[i - 1] <= ADJACENT and not ft[fends[i - 1] : pos].strip():
            cue = self._cues_by_end[i - 1]
            classes = vocab.cue[cue.form]
            found |= classes
            if town and BEARING in classes and self._in_before(cue):
                found.add(WITHIN)
            if AFFILIATION in classes and BUILDING in vocab.small.get(self._word_before(cue), ()):
                found.add(HOUSED)
            i -= 1
        return found

    def _in_before(self, hit: Hit) -> bool:
        """Whether "in" stands right before ``hit``, written apart or onto it."""
        if hit.clitic.endswith(self.vocab.instrumental):
            return True
        return IN in self.vocab.small.get(self._word_before(hit), ())

    def _word_before(self, hit: Hit) -> str:
        """The word before ``hit`` and its clitic."""
        return word_before(self.folded.text, hit.fstart - len(hit.clitic))[1]

    @cached_property
    def _cues_by_end(self) -> list[Hit]:
        return sorted(self.cues, key=lambda h: h.fend)

    @cached_property
    def _cue_fends(self) -> list[int]:
        return [h.fend for h in self._cues_by_end]


@cache
def _place_heads() -> frozenset[str]:
    """Head words that say what kind of place follows (with their clitics), not where
    ("شمال" and "قرب" are cues of their own)."""
    return frozenset(w for w, head in head_table().items() if not head.near)


def _inside(h: Hit, hits: Hits) -> bool:
    """Whether ``h`` lies within one of ``hits`` (sorted, not overlapping each other)."""
    i = bisect_right(hits, h.start, key=_start) - 1
    return i >= 0 and hits[i].end >= h.end and (hits[i].start, hits[i].end) != (h.start, h.end)


def _in_spans(offset: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether ``offset`` lies in one of ``spans`` (sorted, not overlapping)."""
    i = bisect_right(spans, offset, key=_start) - 1
    return i >= 0 and offset < spans[i][1]
