"""Text in, located place mentions out.

    >>> parser = Geoparser()
    >>> [m.name_en for m in parser.parse("داعش في وادي الشاي بكركوك")]
    ['Wadi al-Shay', 'Kirkuk']

Steps: fold the text (:mod:`gazetteer.normalize`), find whole-word names
(:mod:`gazetteer.matcher`), read the words around each (head words, "X في Y",
coordination), keep names that are ordinary words only with evidence, choose among
same-named places (:mod:`gazetteer.resolve`), then report the places the text marks
with a head word but the gazetteer lacks (:mod:`gazetteer.unlisted`).
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, replace
from operator import attrgetter

from .context import (
    Head,
    head_of,
    head_table,
    is_within,
    word_after,
    word_before,
)
from .index import Gazetteer
from .lexicon import lexicon
from .matcher import Match, NameMatcher
from .mentions import Mention
from .normalize import fold, is_arabic, words
from .places import Place
from .resolve import (
    ADMINISTRATIVE,
    CENTRE_KM,
    PLACED_BY_KM,
    Context,
    Support,
    choose,
    head_score,
    km_apart,
    lies_by,
    ranked,
)
from .unlisted import Where, enclosing, find_unlisted, located


@dataclass(slots=True)
class Found:
    """A matched name with what its context says, while the article is read."""

    match: Match
    candidates: tuple[tuple[float, Place], ...]  # ranked, see resolve.ranked
    head: Head | None
    local: bool  # a place only where the article names its surroundings
    within: Found | None = None
    place: Place | None = None
    confidence: float = 0.0


@dataclass(frozen=True, slots=True)
class Meaning:
    """The places a name may mean, with their priors (most likely first: see
    resolve.ranked); those it means with no evidence, the places for which it is no
    common word (the very same tuple when that is all of them); and whether all are
    villages abroad, places only where the article names the country."""

    ranked: tuple[tuple[float, Place], ...]
    plain: tuple[tuple[float, Place], ...]
    abroad: bool

    @classmethod
    def of(cls, name: str, places: tuple[Place, ...]) -> Meaning:
        cs = ranked(places)
        plain = tuple(c for c in cs if name not in c[1].common_names)
        return cls(cs, cs if len(plain) == len(cs) else plain,
                   all(p.feature == "village" and p.country != "IQ" for p in places))


PLACED_IN_WORDS, PLACED_IN_GAP = 3, 40  # "الواقعة في محافظة": words, characters
NO_CONTEXT = Context()
WITHIN_GAP = 22  # characters: room for "شرق مدينة" between "X" and "Y"
WIDE = {"country", "governorate", "region", "beyond"}  # never taken for a person's name
ONLINE_CONFIDENCE = 0.4  # a point from Nominatim for a name the gazetteer lacks
# Heads that name one kind of place ("حي"): what follows is looked for in the
# governorates the article names (see _keep_local).
OWN_KIND = {"neighbourhood"}
DOMINANT = 20  # prior points by which a name's likeliest place outranks the next
# Small places of common names: the text may put one elsewhere (_elsewhere), and one is
# no sure place to put another by. (Not towns: "مندلي القريبة من الحدود مع إيران".)
MINOR = {"village", "neighbourhood"}
UNSEEN = object()  # a name not met before (its Meaning may be None: no place)


class Geoparser:
    """Finds and locates every place an Arabic text names.

    ``fallback`` (opt-in, e.g. :class:`gazetteer.online.NominatimFallback`) locates the
    places the gazetteer lacks and the text leaves without a point.
    """

    def __init__(self, gazetteer: Gazetteer | None = None, fallback=None):
        self.gazetteer = gazetteer or Gazetteer.load()
        self.fallback = fallback
        self.lex = lexicon()
        names = self.gazetteer.arabic_names()
        # A village's name comes after "قرية" and takes no proclitic; other names do.
        clitic_names = [
            n for n in names if any(p.feature != "village" for p in self.gazetteer.by_name[n])
        ]
        self._meanings: dict[str, Meaning | None] = {}  # filled as names are met
        self._places: dict[str, tuple] = {}  # likewise, see _fields
        self._sure: dict[tuple, tuple[Place, float]] = {}  # a sole candidate's, by head
        # Last words of two-word heads and titles ("سلسلة جبال"), and given names that
        # are names only after a title ("اللواء علي"): only after these does the word
        # before them matter.
        self._pair_ends = {
            w.rsplit(" ", 1)[1] for w in [*head_table(), *self.lex.persons] if " " in w
        } | self.lex.after_title
        # Titles and given names, bare or after a proclitic ("لقاسم سليماني"), as
        # context.unclitic leaves them: looked up once per name found.
        self._persons = self._with_proclitics(self.lex.persons)
        self._marks = self._persons | self.lex.verb_particles  # see _verb and _person
        self._given = self._with_proclitics(self.lex.persons - self.lex.titles)
        self._nationalities = _nationalities(self.gazetteer, self.lex)
        heads = list(self.lex.unlisted)
        self.matcher = NameMatcher(
            [*names, *self.lex.not_places, *heads],
            [*clitic_names, *heads],
            self.lex.proclitics,
            self.lex.lil,
            self.lex.article,
            self.lex.clitic_words,
        )
        gc.freeze()  # as the gazetteer (index._loaded): its tables live as long as it does

    def _with_proclitics(self, words: frozenset[str]) -> frozenset[str]:
        """``words`` bare and, the one-word ones, after each proclitic."""
        return words | {c + w for c in self.lex.proclitics for w in words
                        if " " not in w and len(w) > 2}

    def parse(self, text: str) -> list[Mention]:
        """Every place mention of ``text``, in order, with offsets into ``text``."""
        folded = words(text)
        ft = folded.text
        matches = self.matcher.find(ft)
        heads = [m for m in matches if m.name in self.lex.unlisted]
        found = self._read(ft, matches)
        self._resolve(found)
        found = [f for f in found if f.place]
        elsewhere = self._elsewhere(ft, found)
        starts, ends = folded.originals([f.match.start for f in found],
                                        [f.match.end for f in found])
        mentions = [located(text, folded, f.match.start, f.match.end, f.place.feature, where)
                    if (where := elsewhere.get(i)) else self._mention(text, start, end, f)
                    for i, (f, start, end) in enumerate(zip(found, starts, ends, strict=True))]
        unlisted = find_unlisted(text, folded, heads, found, self.lex) if heads else []
        if self.fallback:
            unlisted = [self._locate_online(m) if m.lat is None else m for m in unlisted]
        return sorted(mentions + unlisted, key=attrgetter("start")) if unlisted else mentions

    def _read(self, ft: str, matches: list[Match]) -> list[Found]:
        """Matches with their context; names that need evidence and lack it are dropped
        (so are the matches that are no place: organisations, unlisted heads)."""
        found: list[Found] = []
        meanings, nisba = self._meanings, self.lex.nisba
        surnames: set[str] = set()  # read after a given name: "قاسم سليماني"
        for m in matches:
            meaning = meanings.get(m.name, UNSEEN)
            if meaning is UNSEEN:
                meaning = self._meaning(m.name)
            if not meaning:
                continue
            start, word = word_before(ft, m.start - len(m.clitic))
            word2 = word_before(ft, start)[1] if word in self._pair_ends else ""
            # only after these words may a name be a verb ("لا نميل") or a person's
            # ("اللواء علي الحمداني"), and with nothing but a space between (punctuation
            # folds to a space: "في صلاح الدين، تكريت" is a list)
            if not m.clitic and (word in self._marks or word2) and (
                    m.start - start - len(word) == 1) and (
                    self._verb(word, meaning) or self._person(word, word2, meaning, ft, m.end)):
                if word in self._given:
                    surnames.add(m.name)
                continue
            head = head_of(word, word2)
            if head is None and word.startswith(self.lex.article) and self._adjective(ft, m) \
                    and not any(p.feature_class in WIDE for _, p in meaning.ranked):
                continue  # "المواكب الحسينية"، "بزة المساجين العاجية": an adjective
            prev = found[-1] if found else None
            # Right after the name before it, nothing but spaces between (a folded text
            # has no other characters between words):
            if head is None and prev and start + len(word) == prev.match.end:
                if not m.clitic and self._nationality(prev):  # "and" needs a clitic
                    head = head_of(word_before(ft, start)[1], "")  # "العاصمة السعودية الرياض"
                elif m.clitic.startswith(self.lex.coordination):
                    head = prev.head  # "محافظات كركوك ونينوى": the head covers the list
            own = head is not None and head.kind in OWN_KIND
            found.append(Found(m, meaning.ranked, head, own or meaning.abroad))
        if surnames:  # the man named again alone ("ونوه سليماني"), not after a head word
            found = [f for f in found if f.head is not None or f.match.name not in surnames]
        proven = {f.match.name for f in found if f.head and f.head.proves}
        kept: list[Found] = []
        for f, nxt in zip(found, [*found[1:], None], strict=False):  # None: the last
            name = f.match.name
            plain = meanings[name].plain
            needs = f.candidates is not plain or name in nisba
            if needs and not self._evidenced(ft, f, proven):
                if name in nisba:
                    continue
                f.candidates = ((nxt and self._placed_in(ft, f, nxt)) or self._of_country(ft, f)
                                or (kept and not plain and self._listed(ft, f, kept[-1]))
                                or plain)
            elif f.local:  # a village abroad, a place where its country is named
                f.candidates = self._of_country(ft, f) or f.candidates
            if f.candidates:
                kept.append(f)
        for f, nxt in zip(kept, kept[1:], strict=False):
            if nxt.match.start - f.match.end <= WITHIN_GAP and is_within(
                ft, f.match.end, nxt.match, self.lex
            ):
                f.within = nxt  # "وادي الشاي في كركوك"
        return kept

    def _meaning(self, name: str) -> Meaning | None:
        """What ``name`` may mean (None: no place), worked out when first met: most of
        the gazetteer's names never are."""
        try:
            return self._meanings[name]
        except KeyError:
            places = self.gazetteer.by_name.get(name)
            # setdefault: of two sessions' threads that meet it at once, the first wins
            return self._meanings.setdefault(name, Meaning.of(name, places) if places else None)

    def _evidenced(self, ft: str, f: Found, proven: set[str]) -> bool:
        """Whether the text shows that a name which is also a word is a place here: a head
        word before it, or (not for the listed ambiguous words) before the same name
        elsewhere in the article; "سورية" needs a preposition ("في سورية")."""
        if f.head is not None and f.head.proves:
            return True
        m = f.match
        if m.name in self.lex.nisba:
            before = word_before(ft, m.start - len(m.clitic))[1]
            return m.clitic in self.lex.prepositions or before in self.lex.prepositions
        return m.name in proven and m.name not in self.lex.ambiguous

    def _placed_in(self, ft: str, f: Found, nxt: Found) -> tuple:
        """The candidates of a name that is also a word which lie where the words after it
        put it: in the governorate of a unit ("سليمان بيك التابعة لمحافظة صلاح الدين",
        "X ضمن قضاء Y"), or in or beside a place ("الباغوز شرقي سوريا", "باب الطوب وسط
        الموصل", "الدورة ببغداد"): at most three words, the first saying so, then Y. That
        is evidence only for a place there: "الفرقة الذهبية بمحافظة الأنبار" is no village
        of Thi Qar."""
        end = nxt.match.start - len(nxt.match.clitic)
        if end - f.match.end > PLACED_IN_GAP:  # not a long stretch split for nothing
            return ()
        gap = ft[f.match.end : end].split()
        # "الدورة ببغداد": the proclitic "in" on a town says it as a word would (not on a
        # country: "يوليو/تموز، بالعراق")
        clitic = nxt.match.clitic
        by = [clitic] if not gap and clitic in self.lex.within and not any(
            p.feature == "country" for _, p in nxt.candidates[:1]) else gap
        if not 0 < len(by) <= PLACED_IN_WORDS:
            return ()
        if by[0] in self.lex.placed_in:
            units = {p.admin1 for _, p in nxt.candidates if p.feature in ADMINISTRATIVE} - {""}
            return tuple(c for c in f.candidates if c[1].admin1 in units)
        if (by[0] in self.lex.placed_by or by is not gap) and not self._adjective(ft, f.match):
            return tuple(c for c in f.candidates
                         if any(lies_by(c[1], p) for _, p in nxt.candidates))
        return ()

    def _of_country(self, ft: str, f: Found) -> tuple:
        """The candidates of a name that needs evidence (or its country) which lie in the
        foreign country whose adjective follows it ("الباغوز السورية"، "مخيم الهول
        السوري"); the text then names the country, which a place only there needs
        (``local``). Not an ordinary word's: "الشعب السوري" is the people."""
        if not ft.startswith(self.lex.article, f.match.end + 1):  # as every adjective is
            return ()
        countries = self._nationalities.get(word_after(ft, f.match.end))
        if not countries or f.match.name in self.lex.common_words:
            return ()
        f.local = False
        return tuple(c for c in f.candidates if c[1].country in countries)

    def _listed(self, ft: str, f: Found, prev: Found) -> tuple:
        """The candidates of a name that is also a word which lie in the country of the
        town or smaller place it is listed after ("دير الزور والرقة والبوكمال والميادين
        وتدمر": "and" written onto it, nothing but a comma between; not after a country:
        "العراق وقبله سوريا", "and before it")."""
        if not self._and_after(ft, prev, f.match):
            return ()
        if any(p.feature_class in WIDE for _, p in prev.candidates[:1]):
            return ()
        countries = {p.country for _, p in prev.candidates}
        return tuple(c for c in f.candidates if c[1].country in countries)

    def _and_after(self, ft: str, prev: Found, m: Match) -> bool:
        """Whether ``m`` follows ``prev`` with "and" written onto it and nothing but a
        comma between ("كركوك ونينوى")."""
        return (m.clitic.startswith(self.lex.coordination)
                and not ft[prev.match.end : m.start - len(m.clitic)].strip())

    def _adjective(self, ft: str, m: Match) -> bool:
        """Whether a one-word name reads as a relational adjective of the word before it
        ("الغالبية السنية"، "غاراته الجوية"): "ال...ية" with no clitic, after a word that
        is no preposition or word of place ("في الخالدية"، "قرب الخالدية")."""
        if m.clitic or not self._relational(m.name):
            return False
        before, lex = word_before(ft, m.start)[1], self.lex
        return bool(before) and before not in lex.prepositions and before not in lex.within

    def _nationality(self, prev: Found) -> bool:
        """Whether ``prev``, found right before a name, is a country's written as the
        adjective of a head before it ("العاصمة السعودية"): a head's evidence then
        reaches over it to the name."""
        return self._relational(prev.match.name) and prev.candidates[0][1].feature == "country"

    def _relational(self, word: str) -> bool:
        """Whether a word has the shape of a definite feminine relational adjective
        ("السعودية", "السنية")."""
        return self._definite(word, self.lex.adjective_ending)

    def _definite(self, word: str, ending: str) -> bool:
        """Whether ``word`` is one word with the article and ``ending``."""
        return " " not in word and word.startswith(self.lex.article) and word.endswith(ending)

    def _verb(self, word: str, meaning: Meaning) -> bool:
        """Whether a village's name reads as a verb after the particle ``word`` before it
        ("لا نميل": "we do not tend"); a town is named so ("لا بغداد ولا أربيل")."""
        return word in self.lex.verb_particles and all(
            p.feature in MINOR for _, p in meaning.ranked)

    def _person(self, word: str, word2: str, meaning: Meaning, ft: str, end: int) -> bool:
        """A surname (خالد العبيدي) or a name after a title (اللواء X, the words before
        it) is a person's, unless it has a proclitic; a country or a governorate is never
        a surname ("وأعلن العراق"), nor a capital unless a family name follows it ("زار
        الوزير طهران", but "اللواء رياض الخيكاني")."""
        lex = self.lex
        person = word in self._persons or (word2 and (
            f"{word2} {word}" in lex.persons or (word in lex.after_title and word2 in lex.titles)))
        candidates = meaning.ranked
        if not person or any(p.feature_class in WIDE for _, p in candidates):
            return False
        return not any(p.feature == "capital" for _, p in candidates) or self._surname(ft, end)

    def _surname(self, ft: str, end: int) -> bool:
        """Whether a family name ("الخيكاني"، "العبيدي") follows folded position ``end``."""
        return self._definite(word_after(ft, end), self.lex.surname_ending)

    def _resolve(self, found: list[Found]) -> None:
        """Names of one place first; then each other name in the context they give (the
        same choice for the same name in the same context)."""
        sure = self._sure
        for f in found:
            if len(f.candidates) == 1 and not f.local:
                kind = f.head and f.head.kind
                key = (f.candidates[0][1].id, kind)
                f.place, f.confidence = sure.get(key) or sure.setdefault(
                    key, choose(f.candidates, Context(kind)))
        ambiguous = [f for f in found if f.place is None]
        if not ambiguous:
            return
        support = Support([f.place for f in found if f.place],
                          [p for f in ambiguous if (p := _likely(f))])
        if any(f.local for f in ambiguous):
            _keep_local(found)
        chosen: dict[tuple, tuple[Place, float]] = {}
        for f in ambiguous:
            if not f.candidates:
                continue
            within = f.within and (f.within.place or choose(f.within.candidates, NO_CONTEXT)[0])
            kind = f.head and f.head.kind
            key = (f.match.name, kind, within)
            if key not in chosen:
                chosen[key] = choose(f.candidates, Context(kind, within), support)
            f.place, f.confidence = chosen[key]

    def _elsewhere(self, ft: str, found: list[Found]) -> dict[int, Where]:
        """Villages and neighbourhoods that the words after them put far from the one
        chosen ("قرى الحميرة المحاذية لكركوك" for a village of Maysan, "منطقة البوعيثة
        شمالي مدينة الرمادي" for a neighbourhood of Baghdad), and places of another kind
        than their head word says ("وادي السلام بمحافظة النجف" for a sub-district of
        Maysan): places the gazetteer lacks, put there (by the index of each in
        ``found``)."""
        starts = [f.match.start for f in found]
        elsewhere = {}
        for i, f in enumerate(found):
            p = f.place
            if p.feature not in MINOR and (f.head is None or head_score(p, f.head.kind) >= 0):
                continue
            where = enclosing(ft, f.match.end, found, starts, self.lex)
            if where and _far(p, where):
                elsewhere[i] = where
        return elsewhere

    def _locate_online(self, m: Mention) -> Mention:
        """An unlocated unlisted place, located by the fallback if it knows the name."""
        point = self.fallback.locate(m.text.split(" ", 1)[-1])  # the name after its head
        if point is None:
            return m
        gov = self.gazetteer.governorate_at(*point)
        return replace(
            m,
            lat=point[0],
            lon=point[1],
            admin1=gov.name_en if gov else "",
            country="IQ",
            geo_precision="near",
            confidence=ONLINE_CONFIDENCE,
        )

    def _mention(self, text: str, start: int, end: int, f: Found) -> Mention:
        """The mention of ``f`` at ``text[start:end]``."""
        fields, precision, radius, label = self._fields(f.place)
        if precision == "exact" and f.head is not None and f.head.near:
            precision = "near"
        # positional: the order of Mention's fields
        return Mention(start, end, text[start:end], *fields, precision, f.confidence, "body",
                       None, None, radius, label)

    def _fields(self, p: Place) -> tuple:
        """What every mention of ``p`` says of it, worked out when it is first met."""
        try:
            return self._places[p.id]
        except KeyError:
            fields = (p.id, p.name_en, p.name_ar, p.lat, p.lon, p.feature, p.admin1, p.country)
            return self._places.setdefault(
                p.id, (fields, p.precision, p.radius_km, self.gazetteer.label(p)))


def _far(p: Place, where: Where) -> bool:
    """Whether ``p`` lies far from ``where`` the text puts it: outside the country or
    governorate named, and beyond the radii of both and ``PLACED_BY_KM`` whatever the
    words ("شمال أربيل" may lie outside the governorate; "290 كلم شمال بغداد" is a road's
    length), or ``CENTRE_KM`` when the words put it inside a town ("وسط بغداد"). Not when
    the place named may itself be a namesake, nor, in a country whose governorates the
    gazetteer does not know, inside that country ("الباغوز شرقي دير الزور")."""
    named, km = where.place, CENTRE_KM if where.inside else PLACED_BY_KM
    if named.feature in MINOR or lies_by(p, named, km) or (
            not named.admin1 and p.country == named.country):
        return False
    return km_apart(p.lat, p.lon, where.lat, where.lon) > where.radius_km + km + p.radius_km


def _nationalities(gazetteer: Gazetteer, lex) -> dict[str, frozenset[str]]:
    """The adjectives of the countries abroad ("السوريه"، "التركي"، "الاردنيه") -> their
    codes."""
    table: dict[str, set[str]] = {}
    for p in gazetteer.places:
        if p.feature != "country" or p.country == "IQ":  # Iraqi news: every name is Iraq's
            continue
        for name in {fold(n) for n in p.names if is_arabic(n) and " " not in n}:
            stems = {name, name.removeprefix(lex.article)}
            stems |= {s[: -len(e)] for s in stems for e in lex.country_endings if s.endswith(e)}
            for stem in stems:
                for ending in lex.nationality_endings:
                    table.setdefault(lex.article + stem + ending, set()).add(p.country)
    return {adjective: frozenset(codes) for adjective, codes in table.items()}


def _likely(f: Found) -> Place | None:
    """The place an ambiguous name most likely means, to support the others: one that
    outranks the next by far (بغداد the capital, not the governorate)."""
    if f.local:
        return None
    cs = f.candidates
    return cs[0][1] if len(cs) == 1 or cs[0][0] - cs[1][0] >= DOMINANT else None


def _keep_local(found: list[Found]) -> None:
    """Keeps, of the candidates of a local name, those the article's other names place
    it among. "حي X": a neighbourhood X in a governorate the article names (any, if it
    names none), else a settlement X there ("حي عرب جبور" in a Baghdad story); a village
    abroad: one in a country the article names (a place in it). A name left with none
    is read as a place the gazetteer lacks (حي سومر شرقي الموصل, Sumer of Nasiriyah
    being no neighbourhood of Mosul)."""
    others = [f.candidates[0][1] for f in found if not f.local]
    governorates = {p.admin1 for p in others} - {""}
    countries = {p.country for p in others}
    for f in found:
        if not f.local:
            continue
        if f.head and f.head.kind in OWN_KIND:
            kind = f.head.kind
            f.candidates = tuple(
                c for c in f.candidates
                if c[1].admin1 in governorates or (c[1].feature == kind and not governorates)
            )
        else:
            f.candidates = tuple(c for c in f.candidates if c[1].country in countries)

