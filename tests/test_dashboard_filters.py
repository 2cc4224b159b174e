"""The dashboard's filters: one SQL condition, run by DuckDB over any corpus."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard import data, store
from dashboard.filters import Filters, searched, where
from gazetteer.normalize import fold
from tests.conftest import kept


def dated(seed_tables, *dates: str | None) -> data.Corpus:
    """A corpus of the seeds' first mention once with each of ``dates`` (as its sentence
    states it)."""
    first = seed_tables.mentions.iloc[[0]]
    rows = pd.concat([first] * len(dates), ignore_index=True).assign(
        date=list(dates), event_date=list(dates))
    tables = {"mentions": rows, "documents": seed_tables.documents,
              "events": seed_tables.table("events")}
    return data.corpus_of(store.Store(tables), pd.DataFrame(), "", "")


@pytest.mark.parametrize("mention, start, end, expected", [
    pytest.param("2019-02-04", "2019-02-04", "2019-02-04", True, id="the same day"),
    pytest.param("2019-02", "2019-02-20", "2019-03-10", True, id="month overlapping"),
    pytest.param("2019-02", "2019-03-01", "2019-06-30", False, id="month before"),
    pytest.param("2019", "2019-12-31", "2020-06-30", True, id="year touching the start"),
    pytest.param("2019", "2020-01-01", "2020-06-30", False, id="year before"),
    pytest.param("2025-11-26", "2025-01-01", "2025-11-25", False, id="day after"),
])
def test_a_mention_is_in_a_date_range_when_its_period_overlaps_it(seed_tables, mention, start,
                                                                    end, expected):
    corpus = dated(seed_tables, mention, "2014-01-01", "2026-12-31")  # a wider corpus
    dates = (date.fromisoformat(start), date.fromisoformat(end))
    assert (mention in set(kept(corpus, dates=dates)["date"])) == expected


def test_undated_mentions_are_kept_only_by_the_full_range(seed_tables):
    corpus = dated(seed_tables, None, "2019-02", "2025-11-26")
    assert corpus.span == (date(2019, 2, 1), date(2025, 11, 26))
    every = kept(corpus, dates=corpus.span)["date"]
    assert every.isna().sum() == 1 and set(every.dropna()) == {"2019-02", "2025-11-26"}
    narrower = kept(corpus, dates=(date(2019, 2, 1), date(2025, 11, 25)))
    assert narrower["date"].tolist() == ["2019-02"]


def test_a_malformed_date_is_undated(seed_tables):
    corpus = dated(seed_tables, "2019-13", "20x9", "2019-02-30", "2019-02")
    assert corpus.span == (date(2019, 2, 1), date(2019, 2, 28))


@pytest.mark.parametrize("words, place", [
    pytest.param("إربيل", "Erbil", id="hamza below for bare alef"),
    pytest.param("الشاى", "Wadi al-Shay", id="alef maqsura for yaa"),
    pytest.param("كَرْكُوك", "Kirkuk", id="diacritics"),
    pytest.param("داعش كركوك", "Kirkuk", id="every word"),
])
def test_words_match_after_arabic_normalisation(seed_corpus, words, place):
    assert place in set(kept(seed_corpus, words=words)["name_en"])


def test_words_must_all_be_in_the_sentence(seed_corpus):
    assert kept(seed_corpus, words="حمرين واشنطن").empty


def test_a_search_is_made_once_and_the_latest_searches_are_kept(seed_tables, monkeypatch):
    """The words filter keeps what a plain search of every mention's folded excerpt
    keeps, from the excerpts the store found once per search (the latest SEARCHES)."""
    monkeypatch.setattr(store, "SEARCHES", 2)
    corpus = data.from_ingested(seed_tables, "seeds")
    found = {words: kept(corpus, words=words) for words in ("كركوك", "حمرين", "بغداد")}
    for words, rows in found.items():
        assert len(rows) == corpus.store.value(
            "SELECT count(*) FROM mentions WHERE contains(folded, ?) AND segment = 'body' "
            "AND NOT historical", [fold(words)]) > 0
    kept_searches = corpus.store.frame("SELECT DISTINCT search FROM excerpt_matches")
    assert sorted(kept_searches["search"]) == sorted(map(fold, ["حمرين", "بغداد"]))
    pd.testing.assert_frame_equal(kept(corpus, words="كركوك"), found["كركوك"])


def test_words_are_parameters_never_sql(seed_corpus):
    assert kept(seed_corpus, words="' OR 1=1 --").empty
    assert kept(seed_corpus, sources=("x') OR ('1'='1",)).empty


@pytest.mark.parametrize("text, words, note", [
    ("كركوك  كركوك كَركوك", ["كركوك"], ""),
    (" ".join(f"w{i}" for i in range(12)), [f"w{i}" for i in range(10)],
     "Not searched: 2 words after the first 10."),
    ("كركوك " + "ب" * 41, ["كركوك"], "Not searched: words longer than 40 characters."),
], ids=["once each", "the first ten", "not too long"])
def test_the_words_searched_are_few_and_short(text, words, note):
    assert searched(text) == (tuple(words), note)


def test_the_least_precise_level_keeps_what_is_at_least_that_precise(seed_corpus):
    assert set(kept(seed_corpus, precision="exact")["geo_precision"]) == {"exact"}
    assert set(kept(seed_corpus, precision="near")["geo_precision"]) == {"exact", "near"}
    everything = kept(seed_corpus, furniture=True, history=True)
    assert len(everything) == seed_corpus.store.value("SELECT count(*) FROM mentions")


def test_regions_kinds_and_sources(seed_corpus):
    assert set(kept(seed_corpus, regions=("Kirkuk",))["admin1"]) == {"Kirkuk"}
    outside = set(kept(seed_corpus, regions=(store.OUTSIDE,))["name_en"])
    assert "United States" in outside and "Iraq" not in outside
    # Iraq, and places no one governorate holds (the Kurdistan Region, the Hamrin ridge).
    iraq_wide = kept(seed_corpus, regions=(store.IRAQ_WIDE,))
    assert {"Iraq", "Kurdistan Region of Iraq", "Hamrin Mountains"} <= set(iraq_wide["name_en"])
    assert set(iraq_wide["admin1"].fillna("")) == {""}
    terrain = kept(seed_corpus, kinds=("Terrain",))
    assert set(terrain["feature"]) <= {"wadi", "ridge", "desert"}
    assert len(kept(seed_corpus, sources=(store.NO_SOURCE,))) == len(
        kept(seed_corpus))  # the seeds name no source


def test_page_furniture_is_kept_only_when_asked_for(seed_corpus):
    assert set(kept(seed_corpus)["segment"]) == {"body"}
    assert set(kept(seed_corpus, furniture=True)["segment"]) == {"body", "boilerplate",
                                                                 "comment"}


def test_a_new_filter_is_one_condition_among_the_others():
    sql, params = where(Filters(regions=("Kirkuk", "Erbil"), words="هجوم", history=True))
    assert sql.count(" AND ") == 2 and params[:2] == ["Kirkuk", "Erbil"]
    assert where(Filters(furniture=True, history=True)) == ("TRUE", [])


def test_historical_references_are_left_out_unless_asked_for(seed_corpus):
    """"Since the year 2014" in seeds 000 and 001 (of 2025) is history: kept, with its
    event date, and filed under the article's date."""
    recalled = kept(seed_corpus, history=True).query("event_date == '2014'")
    assert len(recalled) == 4 and set(recalled["date"]) == {"2025-09-24", "2025-11-26"}
    assert kept(seed_corpus).query("event_date == '2014'").empty
    every = seed_corpus.store.value("SELECT count(*) FROM mentions WHERE segment = 'body'")
    assert len(kept(seed_corpus, history=True)) == every
    # The range that holds the articles' dates holds their history too.
    assert len(kept(seed_corpus, history=True, dates=seed_corpus.span)) == every
