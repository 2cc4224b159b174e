"""The page's words: one table per language, each saying everything the other says, and
the Arabic page saying its load, its counts and its precision words in Arabic."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import gazetteer
from dashboard import state, wording
from dashboard.wording import LANGUAGE, counted, table

APP = str(Path(__file__).parent.parent / "dashboard" / "app.py")
LATIN_WORD = re.compile(r"\b[a-z]{3,}\b")


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("language", sorted(set(wording.LANGUAGES) - {"en"}))
def test_every_string_is_in_every_language_with_the_same_blanks(language):
    english, other = table("en"), table(language)
    words = {k for k, v in english.items() if isinstance(v, str)}
    assert words == {k for k, v in other.items() if isinstance(v, str)}
    for key in words:
        assert fields(english[key]) == fields(other[key]), key
    assert english["nouns"].keys() == other["nouns"].keys()
    assert english["kind_names"].keys() == other["kind_names"].keys()
    assert set(other["precision_names"]) == set(gazetteer.PRECISIONS)


@pytest.mark.parametrize(("n", "said"), [
    (1, "ملف واحد"), (2, "ملفان"), (3, "3 ملفات"), (10, "10 ملفات"), (11, "11 ملفًا"),
    (99, "99 ملفًا"), (100, "100 ملف"), (103, "103 ملفات"), (1_000, "1,000 ملف")])
def test_arabic_counts_take_the_form_their_number_asks(n, said):
    token = LANGUAGE.set("ar")
    try:
        assert counted(n, "file") == said
    finally:
        LANGUAGE.reset(token)


def test_the_arabic_page_says_its_load_and_its_precision_words_in_arabic():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params[state.LANGUAGE] = "ar"
    at.run()
    assert not at.exception
    summary = at.expander[0].label
    assert summary.startswith("seeds: 5 ملفات: حُمِّل 5 (5 مستندات)"), summary
    assert not LATIN_WORD.search(summary.removeprefix("seeds"))
    slider = at.select_slider(key=state.PRECISION)
    shown = [slider.format_func(p) for p in slider.options]
    assert shown[0] == "دقيق" and not any(LATIN_WORD.search(s) for s in shown)
    excerpts = "\n".join(h.proto.body for h in at.html)
    assert "الموقع: دولة" in excerpts and "located:" not in excerpts
