"""The mentions and documents tables the dashboard reads."""

import json

import pytest

import gazetteer
from gazetteer.normalize import fold
from gazetteer.tables import DOCUMENT_COLUMNS, DOCUMENT_FIELDS, MENTION_COLUMNS, excerpt_bounds


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
    assert (dated.date == dated.event_date).all()
    undated = m[m.event_date.isna()]
    assert (undated.date == undated.published).all()
    assert set(m[m.doc_id.str.startswith("004")].date) >= {"2019-02"}


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
