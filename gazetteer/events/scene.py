"""Where a report's incident happened: one of the document's place mentions.

Among the mentions of the clause (else of its sentence, else of the sentences just before
it in its paragraph), the scene is the most precise place the text puts the incident in.
Not a place that only names an institution ("مجلس محافظة الأنبار"، "قائد عمليات نينوى"),
nor a name that is one of the event words ("مخلف حربي"، "جنديان": two soldiers); and,
while another is given, not a place that is only a reference point ("25 كلم شمال بغداد";
"في جنوب مدينة الرمادي" is a part of the town), that encloses another ("قرية X التابعة
لقضاء Y"، "ناحية كنعان في بعقوبة") or that names the institution whose building was hit
("مقر شرطة أربيل"). Then located before unlocated, most precise first, first named
first: "قضاء البعاج شمال غرب بغداد" is al-Baaj.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from ..dates import sentence_bounds
from ..mentions import Mention
from ..places import PRECISIONS
from .scan import Scan

LOOK_BACK = 2  # sentences before the report's own that may give its place
PARAGRAPH = "\n\n"
ENCLOSING_GAP = 3  # words between "X" and "Y" in "قرية X التابعة لقضاء Y"
WIDE = {"country", "beyond", None}  # precisions of a scene worth looking past
MAX_WORD = 40  # characters: the longest event phrase a place name may sit inside


class Scenes:
    """Chooses scenes among the mentions of one text (sorted by start)."""

    def __init__(self, scan: Scan, mentions: Sequence[Mention]):
        self.scan = scan
        self.mentions = mentions
        self._starts = [m.start for m in mentions]
        self._keys: dict[int, tuple] = {}

    def key(self, i: int) -> tuple | None:
        """How good a scene mention ``i`` is (lower is better); None when it is none."""
        if i not in self._keys:
            m = self.mentions[i]
            before = self.scan.cue_right_before(m.start)
            if "affiliation" in before and "housed" not in before or self._event_word(m):
                self._keys[i] = None
            else:
                inside = "containing" in before and self._follows(i)
                rank = PRECISIONS.index(m.geo_precision) if m.geo_precision else len(PRECISIONS)
                # an institution's building ("مقر شرطة أربيل"): the scene only failing others
                reference = ("bearing" in before and "within" not in before
                             or "housed" in before)
                self._keys[i] = (m.lat is None, reference or inside, rank, m.start)
        return self._keys[i]

    def _event_word(self, m: Mention) -> bool:
        """Whether the mention lies inside a word of the event vocabulary."""
        scan = self.scan
        return any(h.start <= m.start and m.end <= h.end
                   for hits in (scan.triggers, scan.things, scan.counts, scan.sides)
                   for h in hits.within(m.start - MAX_WORD, m.end))

    def _follows(self, i: int) -> bool:
        """Whether mention ``i`` comes a few words after another scene ("X في Y")."""
        if i == 0:
            return False
        prev, m = self.mentions[i - 1], self.mentions[i]
        near = len(self.scan.text[prev.end : m.start].split()) <= ENCLOSING_GAP
        return near and self.key(i - 1) is not None

    def best(self, start: int, end: int) -> int | None:
        """The index of the best scene among the mentions starting in ``[start, end)``."""
        lo, hi = bisect_left(self._starts, start), bisect_left(self._starts, end)
        keyed = [(k, i) for i in range(lo, hi) if (k := self.key(i)) is not None]
        return min(keyed)[1] if keyed else None  # keys end with the start: no two tie

    def of(self, start: int, end: int, sentence_start: int, sentence_end: int
           ) -> int | None:
        """The scene of the clause ``[start, end)``, from the clause, its sentence or the
        sentences before it in its paragraph; a whole country only when those name no
        smaller place ("بعد قصفها بطائرات مسيرة ... إلى العراق" after a line on Erbil)."""
        found = self.best(start, end)
        if found is None:
            found = self.best(sentence_start, sentence_end)
        if found is not None and self.mentions[found].geo_precision not in WIDE:
            return found
        text = self.scan.text
        paragraph = text.rfind(PARAGRAPH, 0, sentence_start) + 1
        hi = sentence_start
        for _ in range(LOOK_BACK):
            if hi <= paragraph:
                break
            lo = max(_sentence_start(text, hi - 1), paragraph)
            before = self.best(lo, hi)
            if before is not None and (found is None or self.key(before) < self.key(found)):
                return before
            hi = lo
        return found


def _sentence_start(text: str, pos: int) -> int:
    return sentence_bounds(text, pos, pos)[0]
