"""The mentions and documents tables the dashboard reads."""

import json

import pandas as pd
import pytest

import gazetteer
from gazetteer.dates import historical
from gazetteer.documents import Document
from gazetteer.normalize import fold
from gazetteer.pipeline import Extractor
from gazetteer.tables import (
    DOCUMENT_COLUMNS,
    DOCUMENT_FIELDS,
    MENTION_COLUMNS,
    excerpt_bounds,
    mention_rows,
)


@pytest.fixture(scope="module")
def seeds():
    return gazetteer.ingest("seeds")


def test_columns_are_the_contract(seeds):
    # and the excerpt folded as the words filter reads it, stored once at ingest
    assert list(seeds.mentions.columns) == [*MENTION_COLUMNS, "folded"]
    assert (seeds.mentions["folded"] == seeds.mentions["excerpt"].map(fold)).all()
    assert list(seeds.documents.columns) == DOCUMENT_COLUMNS
    assert len(seeds.documents) == 5


def test_a_documents_fields_are_stored_in_its_row_only():
    """A title, url and source of 2,000 characters each, in a document of many mentions:
    in the documents table once, in no mention row (they were copied into each)."""
    record = {"title": "عنوان " * 333, "url": "https://example.iq/" + "a" * 1980,
              "source": "وكالة " * 333, "text": "بغداد " * 500}
    result = gazetteer.ingest_bytes([("feed.jsonl", json.dumps(record).encode())])
    assert not set(DOCUMENT_FIELDS) & set(result.mentions.columns)
    assert len(result.mentions) == 500
    (document,) = result.documents.to_dict("records")
    assert {f: len(document[f]) for f in DOCUMENT_FIELDS} == {"title": 1997, "url": 1999,
                                                                "source": 1997}


def test_every_excerpt_holds_its_name_where_it_says(seeds):
    texts = dict(zip(seeds.documents.doc_id, seeds.documents.text, strict=True))
    for m in seeds.mentions.itertuples():
        assert texts[m.doc_id][m.start:m.end] == m.surface
        assert m.excerpt[m.start - m.excerpt_start:m.end - m.excerpt_start] == m.surface


def test_date_is_the_event_date_else_the_publication_date(seeds):
    m = seeds.mentions
    dated = m[m.event_date.notna()]
    recalled = [historical(d, p) for d, p in zip(dated.event_date, dated.published,
                                                 strict=True)]
    assert (dated.date == dated.event_date.where(~pd.Series(recalled, dated.index),
                                                 dated.published)).all()
    undated = m[m.event_date.isna()]
    assert (undated.date == undated.published).all()
    assert set(m[m.doc_id.str.startswith("004")].date) >= {"2019-02"}
    # "since the year 2014" in an article of 2025 keeps its date, filed under 2025.
    since = m[m.doc_id.str.startswith("000") & m.event_date.eq("2014")]
    assert len(since) and (since.date == "2025-09-24").all()
    assert (dated.event_date == "2024-11-22").any()  # nine months after 2024-02-08: news


@pytest.mark.parametrize(("value", "published", "recalled"), [
    ("1984", "2018-05-22", True),
    ("2014", "2018-05-22", True),
    ("2016-05-21", "2018-05-22", True),
    ("2016-05-22", "2018-05-22", False),  # two years to the day: a few, not more
    ("2016", "2018-05-22", False),  # 31 December 2016 is within two years
    ("2017-11-03", "2018-05-22", False),
    ("2026-01", "2025-11-26", False),  # "next January"
    ("2014-06", "2016-07", True),
], ids=lambda v: str(v))
def test_a_date_more_than_two_years_before_publication_is_historical(value, published,
                                                                      recalled):
    assert historical(value, published) is recalled


def _extraction(text: str, published: str | None):
    doc = Document(doc_id="a.txt", path="a.txt", text=text, published=published)
    return Extractor().extract(doc)


def test_a_historical_date_is_kept_and_filed_under_the_publication():
    x = _extraction("يشهد قضاء سنجار نزاعات منذ العام 1984. وقتل جندي في سنجار أمس.",
                    "2018-05-22")
    rows = mention_rows(x)
    assert [(r["event_date"], r["date"]) for r in rows] == [
        ("1984", "2018-05-22"), ("2018-05-21", "2018-05-21")]


def test_an_undated_document_files_its_history_under_no_date():
    """With no publication date, a date more than two years before the latest date the
    text writes (which it cannot precede) is history all the same: left undated."""
    x = _extraction("يشهد قضاء سنجار نزاعات منذ العام 1984. وفي عام 2018 هاجم مسلحون "
                    "قرية في قضاء سنجار.", None)
    assert x.published is None and x.present == "2018"
    assert [(r["event_date"], r["date"]) for r in mention_rows(x)] == [
        ("1984", None), ("2018", "2018")]


@pytest.mark.parametrize(("text", "name"), [
    ("جملة أولى. داعش في كركوك اليوم. جملة ثالثة", "كركوك"),
    ("سطر\nهجوم في ديالى\nسطر آخر", "ديالى"),
    ("كلمة " * 100 + "نينوى" + " كلمة" * 100, "نينوى"),
], ids=["sentence", "line", "long-sentence-cut-at-words"])
def test_excerpt_is_the_sentence_around_the_name(text, name):
    start = text.index(name)
    lo, hi = excerpt_bounds(text, start, start + len(name))
    excerpt = text[lo:hi]
    assert name in excerpt and "\n" not in excerpt.strip()
    assert len(excerpt) <= 2 * 160 + len(name) + 1
    assert not excerpt.startswith(("لمة", " ")) and not excerpt.endswith("كل")
