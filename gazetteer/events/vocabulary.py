"""The words of ``data/events.toml``, folded as texts are and ready to be found.

The trigger words are in one :class:`~gazetteer.matcher.NameMatcher`, read over the whole
text; every form of the other families (weapons and objects, sides, casualty words and
numbers, cues) is in a second one, read only around the sentences that hold a trigger
(:mod:`.scan`): most of a text reports nothing. Overlapping phrases are resolved family
by family, so that a phrase of one family never hides a word of another ("طيران الجيش" is
both a side and an aircraft). A match's ``name`` is the folded form; each family's table
says what it means.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from functools import cache

from ..datescan import tables as date_tables
from ..language import DATA_DIR
from ..lexicon import lexicon
from ..matcher import NameMatcher
from ..normalize import is_arabic, words


def folded(text: str) -> str:
    """``text`` as the matcher sees it: folded, punctuation made spaces, words single-spaced."""
    return " ".join(words(text).text.split())


@dataclass(frozen=True, slots=True)
class Trigger:
    """What a trigger form says: the type it gives (or a type decided by the clause:
    "strike", "bombard", "casualty", "raid"), how strongly, what it needs, and whether
    it is a verb, a definite noun (which may refer back), a future or a past form."""

    type: str
    priority: int
    needs: str | None = None
    consequence: bool = False
    verb: bool = False
    definite: bool = False
    future: bool = False
    past: bool = False


@dataclass(frozen=True)
class Vocabulary:
    """The trigger forms in one matcher, the forms of the other families in another, and
    each family's table of what its forms mean."""

    triggers: NameMatcher
    context: NameMatcher  # things, sides, counts and cues
    families: dict[str, tuple[str, ...]]  # form of ``context`` -> the families that hold it
    trigger: dict[str, Trigger]
    thing: dict[str, frozenset[str]]  # form -> instrument types and object classes
    side: dict[str, str]  # form -> actor code (or "terrorist")
    count: dict[str, tuple[str, int]]  # form -> (role, value)
    cue: dict[str, frozenset[str]]  # form -> cue classes
    small: dict[str, frozenset[str]]  # common one-word cues (في، لم، الذي، بدعم) -> classes
    forces: frozenset[str]
    militants: frozenset[str]
    irregular: frozenset[str]
    victims: frozenset[str]
    personnel: str  # the force of soldiers whose clause names none
    instrument_types: frozenset[str]
    priority: dict[str, int]  # type (and pseudo-type) -> strength
    retype: dict[str, dict[str, str]]  # type -> weapon class beside it -> the type it gives
    clause_marks: tuple[str, ...]  # punctuation that may end a clause
    coordination: str  # the proclitic "and"
    instrumental: str  # the proclitic "by, with"
    proclitics: frozenset[str]
    purpose: tuple[str, frozenset[str]]  # the proclitic of purpose, the types it takes
    noun_ending: str  # "قبضة" is no "قبضه": a verb form written with it is a noun
    times: frozenset[str]  # words before a day, times of day ("فجر اليوم": no verb) among them
    days: frozenset[str]  # the words of a day (اليوم، الجمعة، يوم)


def _matcher(forms, others) -> NameMatcher:
    """A matcher of ``forms``, with and without proclitics; a word that is one of the
    ``others`` (the other matcher's forms) is that word, not a proclitic and a form."""
    lex = lexicon()
    forms = list(forms)
    return NameMatcher(forms, forms, lex.proclitics, lex.lil, lex.article, others)


def _definite(phrase: str, article: str) -> str:
    """"ضربه جويه" -> "الضربه الجويه": the article on every word that lacks it."""
    return " ".join(w if w.startswith(article) or w.isdigit() else article + w
                    for w in phrase.split())


def verb_forms(entry: str, m: dict) -> tuple[set[str], set[str], set[str]]:
    """(past forms, present forms, future forms) of a verb entry "past", "past|present" or
    "past|-" (no present: "تلقى" is "received", not "meets [death]"), with their object
    pronouns; ``m``: the folded [morphology] table."""
    past, present = f"{entry}|".split("|")[:2]
    prefixes = m["present_prefixes"] if present != "-" else []
    past, present = folded(past), folded(present)
    present = present or (past[1:] if past.startswith(m["weak_initial"]) else past)
    current = {p + present + s for p in prefixes for s in m["present_suffixes"]}
    objects = m["object_suffixes"]
    done = {past + s for s in m["past_suffixes"]}
    done.update(past + e + o for e in m["past_object_endings"] for o in objects)
    going = current | {p + present + e + o for p in prefixes
                       for e in m["present_object_endings"] for o in objects}
    return done, going, {m["future_prefix"] + f for f in current}


def noun_forms(phrase: str, article: str) -> dict[str, bool]:
    """The phrase as written and made definite, each with whether it is definite."""
    written = folded(phrase)
    forms = {written: written.startswith(article)}
    forms.setdefault(_definite(written, article), True)
    return forms


def duals(phrase: str, m: dict) -> list[str]:
    """The dual of a one-word name in ة ("طائره" -> "طائرتين", "طائرتان"), folded as ``m``
    (the folded [morphology] table) is."""
    ending = m["noun_ending"]
    if " " in phrase or not phrase.endswith(ending):
        return []
    return [phrase[: -len(ending)] + dual for dual in m["dual_endings"]]


def _table(entries: dict[str, list[str]], article: str | None, m: dict | None = None
           ) -> dict[str, frozenset[str]]:
    """form -> the keys whose lists hold it (definite forms too, given the ``article``;
    duals too, given the [morphology] table ``m``)."""
    table: dict[str, set[str]] = {}
    for key, phrases in entries.items():
        for phrase in phrases:
            written = [folded(phrase), *(duals(folded(phrase), m) if m else ())]
            forms = [f for w in written for f in noun_forms(w, article)] if article else written
            for form in forms:
                table.setdefault(form, set()).add(key)
    return {form: frozenset(keys) for form, keys in table.items()}


@cache
def vocabulary() -> Vocabulary:
    with open(DATA_DIR / "events.toml", "rb") as f:
        t = tomllib.load(f)
    article = lexicon().article
    m = {k: [folded(x) for x in v] if isinstance(v, list) else folded(v)
         for k, v in t["morphology"].items() if k != "object_counts"}
    priority = t["priority"]

    trigger: dict[str, Trigger] = {}
    for entry in t["trigger"]:
        base = Trigger(entry["type"], entry.get("priority", priority[entry["type"]]),
                       entry.get("needs"), entry.get("consequence", False))
        for phrase in entry["words"]:
            for form, definite in noun_forms(phrase, article).items():
                trigger.setdefault(form, replace(base, definite=definite))
        for verb in entry["verbs"]:
            done, going, future = verb_forms(verb, m)
            for form in done:
                trigger.setdefault(form, replace(base, verb=True, past=True))
            for form in going:
                trigger.setdefault(form, replace(base, verb=True))
            for form in future:
                trigger.setdefault(form, replace(base, verb=True, future=True))
    modal = [folded(p) for p in t["not_events"]["modal"]]
    for verb in t["not_events"]["future_verbs"]:
        future = verb_forms(verb, m)[2]
        present = [f[len(m["future_prefix"]):] for f in future]
        for form in [*future, *(f"{p} {v}" for p in modal for v in present)]:
            # a plan also where the verb is a trigger ("سيطلق هجوما": a plan, "أطلق صاروخا")
            trigger[form] = Trigger("plan", 0, verb=True, future=True)

    thing = _table(t["instruments"] | t["objects"], article, m)
    side = {form: next(iter(codes)) for form, codes in _table(t["actors"], article).items()}

    c = t["casualties"]
    objects = {folded(o): n for o, n in sorted(t["morphology"]["object_counts"].items(),
                                               key=lambda on: -len(on[0]))}
    count: dict[str, tuple[str, int]] = {}
    for role in ("killed", "wounded"):
        for phrase in c[role]:
            for form in noun_forms(phrase, article):
                count.setdefault(form, (role, 0))
        for verb in c[f"{role}_verbs"]:
            done, going, _ = verb_forms(verb, m)
            for form in done | going:
                # the people an object pronoun stands for: "ويقتلونه" killed one
                implied = next((n for o, n in objects.items() if form.endswith(o)), 0)
                count.setdefault(form, (role, implied))
    for role, value in (("none", 0), ("person", 1), ("pair", 2), ("vague", 0),
                        ("among", 0), ("filler", 0), ("other", 0), ("thing", 0)):
        for phrase in c[f"{role}s" if role in ("person", "pair", "thing") else role]:
            for form in noun_forms(phrase, article):
                count.setdefault(form, (role, value))
    for unit in t["places"]["distance_units"]:  # "(70 كلم غرب الرمادي)": no one
        count.setdefault(folded(unit), ("thing", 0))
    for name, value in t["number_multipliers"].items():
        count[folded(name)] = ("times", value)
    for name, value in t["numbers"].items():
        count.setdefault(folded(name), ("number", value))

    ne, places = t["not_events"], t["places"]
    months = [m for system in date_tables()["months"].values() for names in system
              for m in names if is_arabic(m)]
    since = [f"{word} {month}" for word in ne["since"] for month in months]
    cue = _table({"denial": ne["denial"], "accident": ne["accident"],
                  "aggregate": ne["aggregate"] + since, "irrealis": ne["irrealis"],
                  "pause": ne["pause"], "habitual": ne["habitual"], "trial": ne["trial"],
                  "charge": ne["charge"],
                  "stance": ne["stance"], "turn": t["clauses"]["turns"],
                  "bearing": places["bearings"],
                  "near": places["near"], "distance": places["distance_units"],
                  "affiliation": places["affiliations"],
                  "anaphora": t["anaphora"]["demonstratives"],
                  "agent": t["casualties"]["by"]}, None)  # as written
    # Words too common to scan for, looked up beside a trigger or a name, with clitics.
    small: dict[str, set[str]] = {}
    for key, listed in (("negator", ne["negators"]), ("relative", ne["relative"]),
                        ("support", ne["support"]), ("stance_end", ne["stance_ends"]),
                        ("containing", places["containing"]), ("in", places["in"]),
                        ("building", places["buildings"]), ("among", c["among"])):
        for word in map(folded, listed):
            for form in (word, *(c + word for c in lexicon().proclitics)):
                small.setdefault(form, set()).add(key)
    sides = t["sides"]
    tables = {"things": thing, "sides": side, "counts": count, "cues": cue}
    families: dict[str, tuple[str, ...]] = {}
    for family, table in tables.items():
        for form in table:
            families[form] = (*families.get(form, ()), family)
    return Vocabulary(
        _matcher(trigger, families), _matcher(families, trigger), families,
        trigger, thing, side, count, cue,
        {form: frozenset(keys) for form, keys in small.items()},
        frozenset(sides["forces"]), frozenset(sides["militants"]),
        frozenset(sides["irregular"]), frozenset(sides["victims"]), sides["personnel"],
        frozenset(t["instruments"]), priority, t["retype"], tuple(t["clauses"]["marks"]),
        lexicon().coordination, folded(t["clauses"]["instrumental"]), lexicon().proclitics,
        (folded(ne["purpose"]["proclitic"]), frozenset(ne["purpose"]["types"])),
        t["morphology"]["noun_ending"], *_times_and_days(),
    )


def _times_and_days() -> tuple[frozenset[str], frozenset[str]]:
    """The words the date grammar reads before a weekday, times of day among them ("فجر
    الجمعة"), and the words of a day after them: weekdays, "today", "yesterday" and those
    words."""
    t = date_tables()
    times = {folded(w) for w in t["weekdays"]["markers"]}
    days = {folded(w) for names in t["weekdays"]["arabic"] for w in names}
    days |= {folded(w).split()[0] for w in t["relative"]["days"]}
    return frozenset(times), frozenset(days | times)

