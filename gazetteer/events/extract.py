"""A text's incidents: its reports (:mod:`.reports`), each with its scene, date, sides and
casualties, grouped into incidents.

One article often reports an incident several times: a headline, a lead, the details, an
aftermath ("والتفجير هو الأول منذ الانتخابات"). A report joins an earlier incident of its
type (or the incident joins it: a killing, a raid or an unarmed "هجوم" is explained by any
type) at a place that fits (one inside the other) and without another death toll; or the
latest incident, when it refers back to it (a definite "الانفجار", "هذه القذائف"). An
incident then takes its strongest report's type, its most precise scene, its first stated
date and tolls, and every side named. Readers' comments report nothing, nor does a
sentence dated years before the text (history: "بعد مقتل سلفه عام 2010").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..dates import DateMention, dates_at, historical
from ..index import Gazetteer
from ..mentions import Mention
from ..places import PRECISIONS
from ..resolve import km_apart
from ..segments import Segment, segment_at
from .casualties import casualties
from .record import Event
from .reports import ANY, TOGETHER, Report, reports
from .scan import Scan
from .scene import WIDE, Scenes
from .vocabulary import vocabulary

PRECISE = set(PRECISIONS[: PRECISIONS.index("region") + 1])  # more precise than a country
UNLISTED_RADIUS_KM = 10.0  # a place the gazetteer lacks, located at what encloses it
SAME_PLACE_KM = 1.0  # points closer than this are one place whatever their radii
REACH = 20  # incidents back that a report may repeat (a page may hold many articles)
NOT_READ = "comment"  # readers' comments report nothing
# What a definite trigger of a generic type refers back to ("القصف": a strike or shelling).
REFERS = {"strike": {ANY}, "casualty": {ANY}, "raid": {ANY}, "bombard": {"air_strike", "shelling"}}


@dataclass(frozen=True, slots=True)
class _Seen:
    """A report as read: its scene (a mention's index; ``borrowed`` from a sentence
    before it), its tolls and the date its sentence states."""

    report: Report
    scene: int | None
    borrowed: bool
    killed: int | None
    wounded: int | None
    date: DateMention | None


@dataclass
class _Incident:
    """Reports of one incident so far, with what deciding on the next one needs."""

    seen: list[_Seen]
    scene: Mention | None  # the first scene a report gave in its own sentence
    reference: bool  # that scene only a reference point
    toll: int | None  # the first death toll stated
    weak: bool  # every report so far only a killing, a raid or an unarmed attack
    types: set[str]  # of its reports

    def add(self, seen: _Seen, place: Mention | None, reference: bool) -> None:
        self.seen.append(seen)
        if self.scene is None and place is not None:
            self.scene, self.reference = place, reference
        self.toll = self.toll if self.toll is not None else seen.killed
        self.weak = self.weak and seen.report.weak
        self.types.add(seen.report.type)

    @property
    def local(self) -> bool:
        """Whether its scene is smaller than a country (else it may be a round-up)."""
        return self.scene is not None and self.scene.geo_precision not in WIDE

    def same_type(self, r: Report) -> bool:
        """Whether report ``r`` may tell of this incident by its type."""
        return (r.type in self.types or r.weak or self.weak
                or any({r.type, t} in TOGETHER for t in self.types))

    def referred(self, r: Report) -> bool:
        """Whether report ``r`` refers back to this incident ("الانفجار"، "هذه القذائف")."""
        wanted = set().union(*(REFERS.get(t, {t}) for t in r.refers))
        return ANY in wanted or bool(wanted & self.types) or any(
            {w, t} in TOGETHER for w in wanted for t in self.types)


class EventExtractor:
    """Finds the incidents a text reports, given its place mentions and dates."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.vocab = vocabulary()

    def extract(self, text: str, mentions: Sequence[Mention], dates: list[DateMention],
                segments: tuple[Segment, ...] = (), present: str | None = None
                ) -> list[Event]:
        """The incidents of ``text`` as events (one per report), in order. ``mentions``:
        its place mentions, sorted by start; ``dates``: :func:`~gazetteer.dates.find_dates`
        of it; ``segments``: its page segments (all body when none); ``present``: the
        date it speaks from (its publication), before which a report dated years back
        is history ("مقتل سلفه عام 2010"), not the news."""
        unread = [(s.start, s.end) for s in segments if s.kind == NOT_READ]
        scan = Scan(text, self.vocab, [(m.start, m.end) for m in mentions], unread)
        found = reports(scan) if scan.triggers else []
        # each report's date, once: it files the incident and tells history from the news
        stated = dates_at(dates, text, [(r.trigger.start, r.trigger.end) for r in found])
        dated = [(r, d) for r, d in zip(found, stated, strict=True)
                 if d is None or not (present and historical(d.value, present))]
        if not dated:
            return []
        scenes = Scenes(scan, mentions)
        incidents: list[_Incident] = []
        for r, date in dated:
            scene = scenes.of(r.start, r.end, r.sentence_start, r.sentence_end)
            borrowed = scene is not None and mentions[scene].start < r.sentence_start
            seen = _Seen(r, scene, borrowed, *casualties(scan, r.start, r.end), date)
            # Only a located place of the report's own sentence says which incident it
            # tells of; a reference point ("شمال شرق بغداد") only with the same toll.
            own = scene is not None and not borrowed and mentions[scene].lat is not None
            place = mentions[scene] if own else None
            reference = own and scenes.key(scene)[1]
            target = self._joins(incidents, seen, place, reference)
            if target is None:
                target = _Incident([], None, False, None, True, set())
                incidents.append(target)
            target.add(seen, place, reference)
        kept = [inc for inc in incidents if self._told(inc, scenes)]
        return [e for i, inc in enumerate(kept, 1)
                for e in self._events(f"e{i}", inc.seen, scenes, segments)]

    def _joins(self, incidents: list[_Incident], seen: _Seen, place: Mention | None,
               reference: bool) -> _Incident | None:
        """The earlier incident that ``seen`` (at ``place``, if its sentence gives one;
        only a ``reference`` point for it) reports again, if any: the latest of its type
        at a place that fits, else the latest one when the report refers back to it."""
        r = seen.report

        def fits(inc: _Incident) -> bool:
            if seen.killed is not None and inc.toll is not None:
                if seen.killed != inc.toll:
                    return False
                if reference or inc.reference:
                    return True  # "مقتل 19 ... شمال شرق بغداد"، "قتل 19 ... في ناحية قرة تبه"
            return at(inc)

        def at(inc: _Incident) -> bool:
            return place is None or inc.scene is None or self._inside(place, inc.scene)

        for inc in reversed(incidents[-REACH:]):
            # Without a place of its own, a report needs its type or its toll to tell.
            told = place is not None or r.type in inc.types or (
                seen.killed is not None and seen.killed == inc.toll)
            if inc.same_type(r) and fits(inc) and told:
                return inc
        latest = incidents[-1] if incidents else None
        # A report that refers back may give another toll ("حصيلة غير نهائية للتفجير") or a
        # place more precise ("الهجوم وقع في منطقة السعدونية"), not a place outside the
        # incident's ("جريمة تفجير خان بني سعد" after clashes in Kifri); and a round-up over
        # a whole country ("تفجيرات في أنحاء العراق") is no one incident to refer to.
        if (latest and r.refers and latest.referred(r) and at(latest)
                and (latest.local or fits(latest))):
            return latest
        return None

    @staticmethod
    def _told(inc: _Incident, scenes: Scenes) -> bool:
        """Whether an incident told only by killings or unarmed attacks is told as one:
        with a place more precise than a country, or a toll (not a claim such as "داعش
        يشن هجمات")."""
        if not inc.weak or any(s.report.trigger_type == "raid" for s in inc.seen):
            return True
        told = [s.scene for s in inc.seen if s.scene is not None]
        precise = any(scenes.mentions[i].geo_precision in PRECISE for i in told)
        return precise or any(s.killed is not None or s.wounded is not None for s in inc.seen)

    def _inside(self, a: Mention, b: Mention) -> bool:
        """Whether two places are one, or one lies within the other's extent; a whole
        country holds no smaller place here (a round-up names its country)."""
        if a.place_id and a.place_id == b.place_id:
            return True
        if (a.geo_precision in WIDE) != (b.geo_precision in WIDE):
            return False
        if a.lat is None or b.lat is None:
            return a.name_ar == b.name_ar
        km = km_apart(a.lat, a.lon, b.lat, b.lon)
        return km <= max(self._radius(a), self._radius(b), SAME_PLACE_KM)

    def _radius(self, m: Mention) -> float:
        if m.radius_km is not None:
            return m.radius_km
        place = self.gazetteer.get(m.place_id) if m.place_id else None
        return place.radius_km if place else UNLISTED_RADIUS_KM

    def _events(self, eid: str, inc: list[_Seen], scenes: Scenes,
                segments: tuple[Segment, ...]) -> list[Event]:
        """One event per report of the incident, sharing what the incident is."""
        vocab, reps = self.vocab, [s.report for s in inc]
        strong = [r for r in reps if not r.weak] or reps
        kind = max(strong, key=lambda r: r.priority).type
        own = [s.scene for s in inc if s.scene is not None and not s.borrowed]
        borrowed = [s.scene for s in inc if s.scene is not None and s.borrowed]
        scene = min(own or borrowed, key=lambda i: scenes.key(i)[:-1], default=None)
        place = scenes.mentions[scene] if scene is not None else None
        killed = next((s.killed for s in inc if s.killed is not None), None)
        wounded = next((s.wounded for s in inc if s.wounded is not None), None)
        actors = set().union(*(r.actors for r in reps))
        if actors & vocab.militants:
            actors.discard("gunmen")  # "مسلحون أعضاء بتنظيم داعش" are ISIS
        stated = next((s.date for s in inc if s.date is not None), None)
        kinds = [segment_at(segments, r.start) if segments else "body" for r in reps]
        segment = "body" if "body" in kinds else kinds[0]
        radius, sides = self._radius(place) if place is not None else None, tuple(sorted(actors))
        return [Event(eid, r.start, r.end, kind, place, stated and stated.value,
                      stated and stated.precision, sides, killed, wounded, segment, radius)
                for r in reps]
