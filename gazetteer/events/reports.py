"""Which clauses of a text report an incident, and of which type.

A sentence (they end as :func:`gazetteer.dates.sentence_bounds` says) holding a trigger
word may report an incident; a sentence that denies one, tells of an accident or counts
over a period, or tells of a trial reports none. A sentence is cut into clauses where a
trigger of another type follows a comma or an "and" ("ضبط كدس من الأسلحة، وإلقاء القبض على
المتهمين": a seizure, then an arrest), or where it turns to another report ("من جهة
أخرى"). A trigger right after a word of plan or purpose ("لمنع أي عمليات تسلل"), with the
proclitic of purpose ("لمصادرة"), after a negation ("لم تنفجر"), in the future tense, or
governed by a call, a fear or a threat earlier in its sentence ("ودعا ... إلى المحافظة على
أرواح المدنيين خلال العمليات العسكرية") reports nothing.

Each clause's type is that of its strongest trigger (``priority`` in ``events.toml``), the
generic ones decided by the clause: the weapon named types a "هجوم" or a "قصف", the sides
named type a killing ("القوات ... تقتل عنصرين من داعش": a security operation).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..dates import sentence_bounds
from .scan import Hit, Scan

TYPES = ("armed_clash", "air_strike", "shelling", "explosion", "suicide_bombing", "attack",
         "abduction", "arrest", "weapons_seized", "security_operation")
TERRORIST = "terrorist"  # "إرهابي": ISIS unless the clause names another armed group
PERSONNEL = "personnel"  # "جندي": of the force the clause names
# Pseudo-types of events.toml whose clause decides the type.
GENERIC = {"strike", "bombard", "casualty", "raid"}
WEAK = {"casualty", "raid"}  # typed by the sides alone: they join a stronger report
NOT_AN_EVENT = {"denial", "accident", "aggregate", "pause", "habitual", "trial"}  # sentence
CHARGE, ARREST = "charge", "arrest"  # a sentence of charges reports an arrest alone
NOT_YET = {"irrealis"}  # in the words before a trigger
STANCE, STANCE_END = "stance", "stance_end"  # earlier in the sentence, and what ends its reach
REPORT_AGAIN = 4  # words from a stance_end to the trigger of the deed it reports
NEGATOR = "negator"  # right before a trigger verb
ANAPHORA = "anaphora"
TURN = "turn"  # "من جهة أخرى": what follows is another report
ANY = "any"  # what "الحادث"، "هذه" refer back to
AGENT = "agent"  # "على يد": the side after it did it
RELATIVE = "relative"
SUPPORT = "support"
AMONG = "among"  # "بينهم انتحاري": who the casualties were
WEAPON_REACH = 5  # words from a generic trigger to the weapon that types it
BOMBARDED = {"air_strike", "shelling"}  # what a bombardment without its weapon goes on with
# Types that one clause may hold without being two incidents ("انفجار سيارة يقودها انتحاري").
# An attack repelled is a clash ("هاجمت قطعات عسكرية ... وتصدى مقاتلو الفرقة للمهاجمين").
TOGETHER = ({"explosion", "suicide_bombing"}, {"attack", "suicide_bombing"},
            {"attack", "armed_clash"})


@dataclass
class Report:
    """One clause reporting an incident: ``text[start:end]``, in the sentence
    ``[sentence_start, sentence_end)``; ``weak`` when only a killing, a raid or an
    unarmed "هجوم" types it; ``refers`` the incident types that it refers back to
    ("الانفجار": an explosion; "هذه القذائف", "الحادث": any, then ``ANY``)."""

    start: int
    end: int
    sentence_start: int
    sentence_end: int
    type: str
    priority: int  # how strongly the trigger types it (events.toml)
    trigger: Hit
    trigger_type: str  # the type events.toml gives the trigger ("raid", "strike"...)
    weak: bool = False
    refers: frozenset[str] = field(default_factory=frozenset)
    actors: frozenset[str] = field(default_factory=frozenset)


def reports(scan: Scan) -> list[Report]:
    """Every clause of the text that reports an incident, in order."""
    found: list[Report] = []
    i, triggers = 0, scan.triggers
    # the classes to look for, sentence by sentence
    not_events = scan.cue_kinds & (NOT_AN_EVENT | {CHARGE})
    while i < len(triggers):
        lo, hi = sentence_bounds(scan.text, triggers[i].start, triggers[i].end)
        sentence = []
        while i < len(triggers) and triggers[i].start < hi:
            sentence.append(triggers[i])
            i += 1
        first = i - len(sentence)
        live = [t for k, t in enumerate(sentence) if _live(scan, t, first + k, lo)]
        classes = scan.cue_classes(lo, hi) & not_events if live and not_events else set()
        if CHARGE in classes:  # "اعتقال موظفة بتهمة الرشوة": an arrest all the same
            live = [t for t in live if scan.vocab.trigger[t.form].type == ARREST]
        if not live or classes - {CHARGE}:
            continue
        for start, end, clause in _clauses(scan, live, lo, hi):
            report = _typed(scan, clause, start, end, lo, hi)
            if report:
                found.append(report)
    return found


def _live(scan: Scan, t: Hit, i: int, lo: int) -> bool:
    """Whether trigger ``t`` (the ``i``-th, in a sentence starting at ``lo``) may report
    something that happened: by its words (``Scan.may_report``), not after a word of plan
    or purpose ("لمنع أي عمليات تسلل"), not wished or feared (:func:`_wished`) and, a
    verb, not negated ("لم تنفجر")."""
    if not scan.may_report[i]:
        return False
    if NOT_YET & scan.cue_kinds and NOT_YET & scan.cues_before(t.fstart - len(t.clitic)):
        return False
    if STANCE in scan.cue_kinds and _wished(scan, t, lo):
        return False
    return not (scan.vocab.trigger[t.form].verb and NEGATOR in scan.small_around(t)[0])


def _wished(scan: Scan, t: Hit, lo: int) -> bool:
    """Whether a verb of a call, a demand, an expectation, a fear, a threat or the like
    (the stance cues) earlier in the sentence (from ``lo``) governs ``t`` ("ودعا البرلماني
    ... إلى المحافظة على أرواح المدنيين خلال العمليات العسكرية"), unless a word that starts
    a report of a deed comes shortly before ``t`` ("بعد أن فجر"، "فيما قتل"; not "بعد تحول
    موقفه ... بتنفيذ هجمات") or ``t`` is a past verb after "and" ("واعتقلت")."""
    vocab = scan.vocab
    if vocab.trigger[t.form].past and t.clitic.startswith(vocab.coordination):
        return False  # "... قرب تنفيذ المرحلة الثانية، واعتقلت القوات العشرات": a deed
    stances = [h for h in scan.cues.within(lo, t.start) if STANCE in vocab.cue[h.form]]
    if not stances:
        return False
    between = scan.folded.text[stances[-1].fend : t.fstart - len(t.clitic)].split()
    return not any(STANCE_END in vocab.small.get(w, ()) for w in between[-REPORT_AGAIN:])


def _clauses(scan: Scan, triggers: list[Hit], lo: int, hi: int):
    """(start, end, triggers) of each clause of the sentence ``[lo, hi)``."""
    if not triggers:
        return
    start, clause = lo, [triggers[0]]
    for t in triggers[1:]:
        cut = _cut(scan, clause, t)
        if cut is None:
            clause.append(t)
            continue
        yield start, cut, [c for c in clause if c.start < cut]
        start, clause = cut, [c for c in clause if c.start >= cut] + [t]
    yield start, hi, clause


def _main(scan: Scan, t: Hit) -> str | None:
    """The type a trigger announces on its own, if it is one that may start a clause: not
    a killing or a raid, not a consequence, not a background reference."""
    trig = scan.vocab.trigger[t.form]
    if (trig.type in WEAK or trig.type == "strike" or trig.consequence
            or _background(scan, t) or _supporting(scan, t)):
        return None
    return trig.type


def _cut(scan: Scan, clause: list[Hit], t: Hit) -> int | None:
    """Where a new clause starts at trigger ``t``: at a phrase that turns to another
    report ("من جهة أخرى") between them; else at the comma or the "and" before it, when
    ``t`` is of a type the clause's main triggers have not had (the killings that follow
    the comma go with it); None when the clause goes on."""
    vocab = scan.vocab
    if TURN in scan.cue_kinds:
        turns = [h for h in scan.cues.within(clause[-1].end, t.start) if TURN in vocab.cue[h.form]]
        if turns:
            return turns[-1].start
    kind = _main(scan, t)
    mains = [(c, k) for c in clause if (k := _main(scan, c))]
    if kind is None or not mains or any(k == kind or {k, kind} in TOGETHER for _, k in mains):
        return None
    if kind == "bombard" and any(k in BOMBARDED for _, k in mains) and not _weapons(
            scan, t, *scan.around(t, WEAPON_REACH)):
        return None  # "شن 13 غارة جوية ... وقصفت وحدات تكتيكية": the strikes bombarded
    last = mains[-1][0]
    between = scan.text[last.end : t.start]
    mark = max(between.rfind(m) for m in vocab.clause_marks)
    if mark >= 0:
        return last.end + mark + 1
    if t.clitic.startswith(vocab.coordination):
        return t.start - len(t.clitic)
    return None


def _background(scan: Scan, t: Hit) -> bool:
    """Whether a relative clause makes ``t`` a reference to another incident ("المتورطين
    بالتفجير الذي استهدف"، "الذين نفذوا الهجوم"), or "among them" one of the casualties
    ("مقتل 10 من عناصر داعش، بينهم انتحاري")."""
    before, after = scan.small_around(t)
    return (RELATIVE in before or RELATIVE in after
            or AMONG in before and not scan.vocab.trigger[t.form].verb)


def _supporting(scan: Scan, t: Hit) -> bool:
    """Whether ``t`` only supported the deed its clause reports ("تمكنت القوات من دخول
    الجامعة مدعومة بغارات مكثفة"): a part of that incident, which it neither types nor
    reports alone."""
    return SUPPORT in scan.small_around(t)[0]


def _typed(scan: Scan, clause: list[Hit], start: int, end: int, lo: int, hi: int
           ) -> Report | None:
    """The clause as a report, typed by its strongest trigger; None when none holds."""
    vocab = scan.vocab
    things = {c for h in scan.things.within(start, end) for c in vocab.thing[h.form]}
    actors = sides(scan, start, end)
    by_militants = any(vocab.trigger[t.form].type == "casualty" for t in clause) and (
        _by_militants(scan, start, end))
    best = None
    for t in clause:
        trig = vocab.trigger[t.form]
        if _supporting(scan, t):
            continue
        if trig.needs and not (things & (vocab.instrument_types if trig.needs == "instrument"
                                         else {trig.needs})):
            continue
        near = (_weapons(scan, t, start, end) if trig.type in GENERIC or trig.type in vocab.retype
                else set())
        kind = _kind(trig.type, near, actors, vocab, by_militants)
        if kind is None:
            continue
        priority = trig.priority if trig.type not in GENERIC else vocab.priority[kind]
        retype = vocab.retype.get(kind, {})
        if other := next((retype[w] for w in near if w in retype), None):
            kind, priority = other, max(priority, vocab.priority[other])
        weak = trig.type in WEAK or (trig.type == "strike" and not near)
        if _background(scan, t):
            priority = 0  # only when nothing else types the clause
        if best is None or priority > best[0]:
            best = (priority, kind, t, weak)
    if best is None:
        return None
    priority, kind, t, weak = best
    # The definite triggers refer back, and the one that types the clause even with a
    # relative clause after it ("حصيلة غير نهائية للتفجير الذي استهدف").
    refers = {vocab.trigger[c.form].type for c in clause if vocab.trigger[c.form].definite
              and (c is t or not _background(scan, c)) and not _supporting(scan, c)}
    if ANAPHORA in scan.cue_kinds and ANAPHORA in scan.cue_classes(start, end):
        refers.add(ANY)
    start, end = _trim(scan.text, start, end)
    return Report(start, end, lo, hi, kind, priority, t, vocab.trigger[t.form].type, weak,
                  frozenset(refers), actors)


def _weapons(scan: Scan, t: Hit, start: int, end: int) -> set[str]:
    """The weapons that trigger ``t`` of the clause ``[start, end)`` was carried out with:
    those within a few words of it, and those the clause names with "ب" (by, with):
    "استهدافهم بصاروخ"، "استهداف مقرات ... في محافظة أربيل بطائرة مسيرة"."""
    things = scan.things.within(start, end)
    if not things:  # no weapon named: the words around ``t`` need not be found
        return set()
    lo, hi = scan.around(t, WEAPON_REACH)
    kinds = scan.vocab.instrument_types
    return {c for h in things if lo <= h.start < hi or h.clitic.endswith(scan.vocab.instrumental)
            for c in scan.vocab.thing[h.form] if c in kinds}


def _by_militants(scan: Scan, start: int, end: int) -> bool:
    """Whether the clause ``[start, end)`` says militants did the killing ("قتلوا على يد
    تنظيم داعش": the fighters killed were no militants)."""
    if AGENT not in scan.cue_kinds:
        return False
    militants = scan.vocab.militants | {TERRORIST}
    return any(scan.vocab.side[h.form] in militants and AGENT in scan.cue_right_before(h.start)
               for h in scan.sides.within(start, end))


def _kind(kind: str, things: set[str], actors: frozenset[str], vocab,
          by_militants: bool = False) -> str | None:
    """The type a trigger of ``kind`` gives in a clause naming ``things`` (weapons near
    it) and ``actors`` (and saying militants did the killing: ``by_militants``)."""
    if kind == "strike":
        return max(things, key=vocab.priority.get, default="attack")
    if kind == "bombard":
        return "air_strike" if "air_strike" in things else "shelling"
    if kind == "casualty":
        if by_militants:
            return "attack"
        if actors & vocab.militants and not actors & vocab.victims:
            return "security_operation"  # the forces, named or not, killed militants
        if actors & (vocab.irregular | vocab.militants) and actors - vocab.irregular:
            return "attack"
        return "attack" if actors & vocab.irregular else None
    if kind == "raid":
        if actors & vocab.forces or not actors:
            return "security_operation"
        return "attack"
    return kind


def sides(scan: Scan, start: int, end: int) -> frozenset[str]:
    """The actor codes named in ``text[start:end]`` ("terrorists" are ISIS unless another
    armed group is named; soldiers are of the force named, else of Iraq's)."""
    vocab = scan.vocab
    codes = {vocab.side[h.form] for h in scan.sides.within(start, end)}
    if TERRORIST in codes:
        codes.discard(TERRORIST)
        if not codes & (vocab.irregular | vocab.militants) - {"gunmen"}:
            codes.add("ISIS")
    if PERSONNEL in codes:
        codes.discard(PERSONNEL)
        if not codes & vocab.forces:
            codes.add(vocab.personnel)
    return frozenset(codes)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the spaces and punctuation at its ends."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end
