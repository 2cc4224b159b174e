"""What the build knows of Arabic words: how frequent (wordfreq) and whether a word is an
ordinary dictionary word at all (the Arramooz dictionary), both read at build time only.

Frequency measures fame as much as ambiguity: دمشق is frequent because it is a place.
What makes الشاي or مشهد ambiguous is that they are words of the language; the dictionary
says so, inflected (مشهد، حديثة، محلات), and with its function words (وأن، بأنه).
"""

from __future__ import annotations

import math
import re
import sqlite3
from importlib import resources

from ..language import tables
from ..normalize import fold, is_arabic

# Arramooz flags of a noun -> the inflection kind of arabic.toml [dictionary] suffixes.
_FLAGS = ("feminable", "dualable", "masculin_plural", "feminin_plural")


class WordFrequency:
    """Arabic word frequencies (wordfreq) of folded words: every spelling that folds to a
    word counts for it (العاصمة and العاصمه are one word to the matcher)."""

    def __init__(self):
        from wordfreq import get_frequency_dict

        self.freq: dict[str, float] = {}
        for word, f in get_frequency_dict("ar").items():
            if is_arabic(word):
                key = fold(word)
                self.freq[key] = self.freq.get(key, 0.0) + f

    def common(self, zipf: float) -> list[str]:
        """Every folded word at least this frequent, sorted."""
        least = 10 ** (zipf - 9)
        return sorted(w for w, f in self.freq.items() if f >= least and " " not in w)

    def zipf(self, name: str) -> float:
        """Zipf frequency of a folded name; a phrase is as rare as wordfreq makes it: a
        little rarer than its rarest word (a bound from above)."""
        parts = [self.freq.get(w, 0.0) for w in name.split()]
        if not parts or min(parts) == 0:
            return 0.0
        return math.log10(1 / sum(1 / f for f in parts)) + 9

    def phrase_zipf(self, name: str) -> float:
        """Zipf frequency of a folded name taken as a phrase: midway between
        :meth:`zipf` and the frequency its words would have together if they were
        independent (a bound from below). Two frequent words rarely make a frequent
        phrase (أم قصر is no "mother of a palace"), yet go together more often than chance."""
        ceiling = self.zipf(name)
        if not ceiling or " " not in name:
            return ceiling
        words = name.split()
        floor = sum(math.log10(self.freq[w]) for w in words) + 9
        return (ceiling + floor) / 2


class Dictionary:
    """The folded forms of Arramooz's nouns (inflected as its flags allow) and function
    words (with their clitics). Its verbs are left out: a verb's bare past form is what
    a name like دبي matches, a reading news never means. An entry that defines a place itself (دمشق:
    "the capital of Syria") is no ordinary sense and is left out.

    ``lemmas`` are the nouns the dictionary defines (not just lists): words in their own
    right, written bare (مشهد "scene", مسقط "place of falling"), unlike a form that is a
    word only by inflection (طهران read as a dual).
    """

    def __init__(self):
        spec = tables()["dictionary"]
        senses = [fold(s) for s in spec["place_senses"]]
        undefined = fold(spec["no_definition"])
        suffixes = {flag: [fold(s) for s in spec["suffixes"][flag]] for flag in _FLAGS}
        feminine, accusative = fold(spec["feminine"]), fold(spec["accusative"])
        data = resources.files("arramooz") / "data"
        words: set[str] = set()
        lemmas: set[str] = set()
        places: set[str] = set()  # words the dictionary defines as places
        with sqlite3.connect(f"file:{data / 'arabicdictionary.sqlite'}?mode=ro", uri=True) as db:
            rows = db.execute(
                f"select unvocalized, wordtype, definition, broken_plural, {', '.join(_FLAGS)}"
                " from nouns"
            )
            for word, kind, definition, broken, *flags in rows:
                meaning = fold(f"{kind} {definition or ''}")
                if any(s in meaning for s in senses):
                    places.add(fold(word))
                    continue
                word = fold(word)
                if definition and undefined not in meaning:
                    lemmas.add(word)
                stem = word.removesuffix(feminine)
                words.update((word, word + accusative))
                for flag, on in zip(_FLAGS, flags, strict=True):
                    if on:
                        words.update(stem + s for s in suffixes[flag])
                words.update(fold(w) for w in re.split(r"[;,\s]+", broken or "") if w[:1] != "+")
        with sqlite3.connect(f"file:{data / 'stopwords.sqlite'}?mode=ro", uri=True) as db:
            words.update(fold(w) for (w,) in db.execute("select unvocalized from stopwords"))
        words.update(fold(w) for w in tables()["persons"]["given_names"])
        self.article = fold(tables()["clitics"]["article"])
        # A place's own word is no ordinary word by an inflection (عمان is no dual of عم).
        self.words = frozenset(w for w in words - (places - lemmas) if w)
        self.lemmas = frozenset(lemmas)

    def is_word(self, name: str) -> bool:
        """Whether every word of a folded name is an ordinary word (article or not)."""
        return all(
            w in self.words or w.removeprefix(self.article) in self.words for w in name.split()
        )
