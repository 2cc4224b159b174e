"""The dashboard's filters: pure functions of the mentions table."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

import gazetteer
from dashboard import data, filters
from dashboard.filters import Filters


def dated(corpus: data.Corpus, *dates: str | None) -> pd.DataFrame:
    """The first mention of ``corpus`` once with each of ``dates``, as the page prepares
    it."""
    first = corpus.mentions.iloc[[0]][gazetteer.MENTION_COLUMNS]
    rows = pd.concat([first] * len(dates), ignore_index=True).assign(date=list(dates))
    return data.prepare(rows, pd.DataFrame({"doc_id": []}), pd.DataFrame(), "", "").mentions


@pytest.mark.parametrize("mention, start, end, kept", [
    pytest.param("2019-02-04", "2019-02-04", "2019-02-04", True, id="the same day"),
    pytest.param("2019-02", "2019-02-20", "2019-03-10", True, id="month overlapping"),
    pytest.param("2019-02", "2019-03-01", "2019-06-30", False, id="month before"),
    pytest.param("2019", "2019-12-31", "2020-06-30", True, id="year touching the start"),
    pytest.param("2019", "2020-01-01", "2020-06-30", False, id="year before"),
    pytest.param("2025-11-26", "2025-01-01", "2025-11-25", False, id="day after"),
])
def test_a_mention_is_in_a_date_range_when_its_period_overlaps_it(seed_corpus, mention, start,
                                                                    end, kept):
    table = dated(seed_corpus, mention, "2014-01-01", "2026-12-31")  # a wider corpus
    dates = (date.fromisoformat(start), date.fromisoformat(end))
    assert filters.in_dates(table, dates).iloc[0] == kept


def test_undated_mentions_are_kept_only_by_the_full_range(seed_corpus):
    table = dated(seed_corpus, None, "2019-02", "2025-11-26")
    assert filters.in_dates(table, (date(2019, 2, 1), date(2025, 11, 26))).tolist() == [
        True, True, True]
    assert filters.in_dates(table, (date(2019, 2, 1), date(2025, 11, 25))).tolist() == [
        False, True, False]


@pytest.mark.parametrize("words, place", [
    pytest.param("إربيل", "Erbil", id="hamza below for bare alef"),
    pytest.param("الشاى", "Wadi al-Shay", id="alef maqsura for yaa"),
    pytest.param("كَرْكُوك", "Kirkuk", id="diacritics"),
    pytest.param("داعش كركوك", "Kirkuk", id="every word"),
])
def test_words_match_after_arabic_normalisation(seed_corpus, words, place):
    kept = filters.apply(seed_corpus.mentions, Filters(words=words))
    assert place in set(kept["name_en"])


def test_words_must_all_be_in_the_sentence(seed_corpus):
    assert filters.apply(seed_corpus.mentions, Filters(words="حمرين واشنطن")).empty


def test_the_least_precise_level_keeps_what_is_at_least_that_precise(seed_corpus):
    exact = filters.apply(seed_corpus.mentions, Filters(precision="exact"))
    assert set(exact["geo_precision"]) == {"exact"}
    near = filters.apply(seed_corpus.mentions, Filters(precision="near"))
    assert set(near["geo_precision"]) == {"exact", "near"}
    everything = filters.apply(seed_corpus.mentions, Filters(furniture=True))
    assert len(everything) == len(seed_corpus.mentions)


def test_regions_kinds_and_sources(seed_corpus):
    m = seed_corpus.mentions
    kirkuk = filters.apply(m, Filters(regions=("Kirkuk",)))
    assert set(kirkuk["admin1"]) == {"Kirkuk"}
    outside = filters.apply(m, Filters(regions=(data.OUTSIDE,)))
    assert "United States" in set(outside["name_en"]) and "Iraq" not in set(outside["name_en"])
    iraq = filters.apply(m, Filters(regions=(data.IRAQ_WIDE,)))
    assert set(iraq["name_en"]) == {"Iraq"}
    terrain = filters.apply(m, Filters(kinds=("Terrain",)))
    assert set(terrain["feature"]) <= {"wadi", "ridge", "desert"}
    assert len(filters.apply(m, Filters(sources=(data.NO_SOURCE,)))) == len(
        filters.apply(m, Filters()))  # the seeds name no source


def test_page_furniture_is_kept_only_when_asked_for(seed_corpus):
    body = filters.apply(seed_corpus.mentions, Filters())
    assert set(body["segment"]) == {"body"}
    every = filters.apply(seed_corpus.mentions, Filters(furniture=True))
    assert set(every["segment"]) == {"body", "boilerplate", "comment"}
