"""Where the dashboard's corpus comes from, and the columns its store derives."""

from __future__ import annotations

import json
import os
import shutil
import time
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import gazetteer
from dashboard import data, kinds, store
from dashboard.filters import Filters
from dashboard.view import View
from gazetteer.corpus import ingest
from gazetteer.dataset import NotADataset
from tests.conftest import kept, places


@pytest.mark.parametrize("argv, environ, expected", [
    pytest.param([], {}, data.Source(), id="the seeds by default"),
    pytest.param(["--corpus", "news"], {}, data.Source(corpus=Path("news")), id="--corpus"),
    pytest.param([], {"IRAQMAP_CORPUS": "news"}, data.Source(corpus=Path("news")),
                 id="IRAQMAP_CORPUS"),
    pytest.param(["--dataset", "out"], {}, data.Source(dataset=Path("out")), id="--dataset"),
    pytest.param([], {"IRAQMAP_DATASET": "out"}, data.Source(dataset=Path("out")),
                 id="IRAQMAP_DATASET"),
    pytest.param(["--dataset", "out", "--corpus", "news"], {},
                 data.Source(dataset=Path("out")), id="a dataset before a folder"),
    pytest.param(["-q", "tests/test_app.py", "--co"], {}, data.Source(),
                 id="a test runner's own arguments"),
])
def test_the_corpus_comes_from_the_command_line_or_the_environment(argv, environ, expected):
    assert data.source(argv, environ) == expected


def test_the_seeds_are_prepared(seed_corpus):
    m = seed_corpus.store.frame("SELECT * FROM mentions")
    # The span of the articles' dates and the news they date; "since 2014" is history.
    assert seed_corpus.name == "seeds" and seed_corpus.span == (date(2018, 12, 26),
                                                                date(2026, 1, 31))
    assert {*gazetteer.MENTION_COLUMNS, *gazetteer.DOCUMENT_FIELDS} <= set(m.columns)
    region = dict(zip(m["name_en"], m["region"], strict=True))
    assert region["Kirkuk"] == "Kirkuk"
    assert region["Iraq"] == store.IRAQ_WIDE
    assert region["United States"] == store.OUTSIDE and region["Africa"] == store.OUTSIDE
    assert m.loc[m["date"] == "2019-02", "date_last"].iloc[0] == pd.Timestamp("2019-02-28")
    assert m.loc[m["date"] == "2026-01", "date_last"].iloc[0] == pd.Timestamp("2026-01-31")
    # History: "since 2014", "in 2017", "in 2019" in articles of 2020 to 2025.
    assert set(m.loc[m["historical"], "event_date"]) == {"2014", "2017", "2019"}
    assert (m.loc[m["historical"], "date"] == m.loc[m["historical"], "published"]).all()
    every = places(seed_corpus, furniture=True)
    assert every.at["terrain:wadi_al_shay", "label"] == "وادي الشاي · Wadi al-Shay"
    assert every.at["terrain:wadi_al_shay", "kind"] == "Terrain"
    assert every.at["country:IQ", "region"] == store.IRAQ_WIDE
    assert seed_corpus.store.value("SELECT count(*) FROM documents WHERE doc_id = ?",
                                   ["002_ae074324c6d5186d.txt"]) == 1


def test_places_the_gazetteer_lacks_are_keyed_by_name_and_point(unlisted_corpus):
    every = places(unlisted_corpus, furniture=True)
    assert every.at["unlisted:قرية الكنعوص@35.2645,43.7885", "region"] == "Kirkuk"
    located = "unlisted:قرية زنكورة الصغرى@35.2645,43.7885"
    assert every.at[located, "region"] == "Kirkuk"
    assert every.at[located, "label"] == "قرية زنكورة الصغرى · not in the gazetteer"
    assert unlisted_corpus.span is None  # nothing in the text dates it
    alone = places(data.from_uploads([("alone.txt", "انفجار في قرية الكنعوص".encode())]))
    assert alone.at["unlisted:قرية الكنعوص", "region"] == store.NOT_LOCATED


def test_namesakes_are_labelled_apart():
    corpus = data.from_uploads([("k.txt", "في محافظة كركوك ومدينة كركوك".encode())])
    assert set(places(corpus)["label"]) == {"كركوك · Kirkuk (governorate)",
                                           "كركوك · Kirkuk (city)"}


def test_an_upload_in_cp1256_is_read_and_geoparsed(cp1256_article):
    corpus = data.from_uploads([(cp1256_article.name, cp1256_article.read_bytes())])
    assert corpus.name == "1 uploaded file"
    assert corpus.report[["status", "encoding"]].values.tolist() == [["loaded", "cp1256"]]
    assert "تكريت" in set(places(corpus)["name_ar"])
    assert corpus.span == (date(2025, 3, 12), date(2025, 3, 12))


def test_a_dataset_is_queried_where_it_lies_with_its_articles(tmp_path, seed_corpus,
                                                                monkeypatch):
    folder = tmp_path / "articles"
    shutil.copytree(data.SEEDS, folder)
    (folder / "empty.txt").write_bytes(b"")
    ingest(folder, tmp_path / "dataset", workers=1)
    corpus = data.server_corpus(data.source(["--dataset", str(tmp_path / "dataset")], {}))
    assert corpus.summary == "81 mentions in 5 documents"
    assert corpus.report["status"].tolist() == ["loaded"] * 5 + ["rejected"]
    assert "read_parquet" in corpus.store.value(
        "SELECT sql FROM duckdb_views() WHERE view_name = 'mentions'")
    assert (corpus.span, corpus.sources) == (seed_corpus.span, seed_corpus.sources)
    pd.testing.assert_frame_equal(places(corpus, furniture=True),
                                  places(seed_corpus, furniture=True))
    # The excerpts, fetched by their rows from the Parquet parts, are those in memory.
    on_disk, in_memory = (View(c.store, Filters(span=c.span, furniture=True))
                          for c in (corpus, seed_corpus))
    assert on_disk.excerpt_count(None) == in_memory.excerpt_count(None) > 50
    pd.testing.assert_frame_equal(on_disk.excerpts(None, 20, 40),
                                  in_memory.excerpts(None, 20, 40))
    monkeypatch.setattr(data, "REPORT_ROWS", 2)  # a long report: problems first
    shown = data.from_dataset(tmp_path / "dataset")
    assert [Path(p).name for p in shown.report["path"]] == [
        "empty.txt", "000_243431c79fe640ef.txt"]
    assert shown.summary.endswith("(the report lists 2 of its files, problems first)")


def test_the_places_in_view_one_row_each_most_mentioned_first(seed_corpus):
    counts = places(seed_corpus, furniture=True)
    assert counts.index.is_unique and counts["mentions"].sum() == len(
        kept(seed_corpus, furniture=True))
    assert counts.index[0] == "country:IQ"
    assert counts["mentions"].is_monotonic_decreasing


@pytest.mark.parametrize("choices", [{}, {"furniture": True}, {"regions": ("Kirkuk",)},
                                     {"words": "حمرين واشنطن"}])
def test_the_articles_in_view_are_those_of_the_mentions_in_view(seed_corpus, choices):
    view = View(seed_corpus.store, Filters(span=seed_corpus.span, **choices))
    assert view.documents() == kept(seed_corpus, **choices)["doc_id"].nunique()


def test_what_the_store_keeps_of_each_mention_is_what_its_view_derives(seed_tables):
    """The columns copied into memory (mention_keys, by number) are the view's."""
    mentions = seed_tables.mentions.copy()
    # A place of a feature of no kind: "Other" (in each of its mentions, as a place's
    # columns are).
    mentions.loc[mentions["place_id"] == mentions.loc[0, "place_id"], "feature"] = \
        "no such feature"
    kept_in = store.Store({"mentions": mentions, "documents": seed_tables.documents,
                           "events": seed_tables.table("events")})
    columns = "place_key, region, kind, source_label, precision_rank, date_first, " \
              "date_last, historical, segment, event_id, excerpt_key, doc_id, start"
    enums = ("region", "kind", "source_label", "segment")  # numbers in memory
    kept_ = kept_in.frame(
        f"SELECT {columns} FROM (SELECT * REPLACE "
        f"({', '.join(f'{c}::VARCHAR AS {c}' for c in enums)}) FROM mention_keys) "
        "JOIN (SELECT place_no, place_key FROM places) USING (place_no) "
        "JOIN files USING (file_no) "
        "JOIN (SELECT doc_no, doc_id FROM document_numbers) USING (doc_no) "
        "ORDER BY filename, file_row_number")
    derived = kept_in.frame(
        f"SELECT {columns} FROM mentions ORDER BY filename, file_row_number")
    assert "Other" in set(derived["kind"])  # places the gazetteer lacks
    pd.testing.assert_frame_equal(kept_, derived)


def test_every_feature_of_the_gazetteer_has_a_kind():
    assert set(gazetteer.FEATURES) - {f for k in kinds.KINDS for f in k.features} == set()


def test_every_kind_the_store_derives_is_one_the_page_offers(seed_corpus):
    derived = seed_corpus.store.frame("SELECT DISTINCT kind FROM mentions")["kind"]
    assert set(derived) <= set(kinds.LABELS)


def test_a_mention_shows_its_documents_fields_joined_from_its_row(seed_corpus):
    joined = seed_corpus.store.frame(
        "SELECT m.doc_id, m.source, m.title, m.url, d.source AS d_source, d.title AS "
        "d_title, d.url AS d_url FROM mentions m JOIN documents d USING (doc_id)")
    assert len(joined) == seed_corpus.store.value("SELECT count(*) FROM mentions")
    for field in gazetteer.DOCUMENT_FIELDS:
        assert joined[field].tolist() == joined[f"d_{field}"].tolist()


def test_a_dataset_of_another_format_is_refused_saying_what_to_do(tmp_path):
    out = tmp_path / "dataset"
    ingest(sorted(data.SEEDS.glob("*.txt"))[:1], out, workers=1)
    info = json.loads((out / "dataset.json").read_text(encoding="utf-8"))
    (out / "dataset.json").write_text(json.dumps(info | {"format": 1}), encoding="utf-8")
    with pytest.raises(NotADataset, match=f"run `iraqmap ingest PATH -o {out}` again"):
        data.from_dataset(out)


def test_an_edit_that_keeps_a_files_size_and_time_is_read_again(tmp_path):
    """The server's folder is read again when a file changes, even by an edit of the same
    size whose modification time is set back (size and mtime alone missed it)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    article = folder / "a.txt"
    article.write_text("هجوم في كركوك", encoding="utf-8")
    before = article.stat()
    first = data.server_corpus(data.Source(corpus=folder))
    time.sleep(0.01)
    article.write_text("هجوم في أربيل", encoding="utf-8")  # as many bytes
    os.utime(article, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = article.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    second = data.server_corpus(data.Source(corpus=folder))
    assert "Kirkuk" in set(kept(first)["name_en"])
    assert set(kept(second)["name_en"]) == {"Erbil"}


@pytest.mark.parametrize("mark", ["\u202e", "\u200f", "\u2067", "\u061c"],
                         ids=["RLO", "RLM", "RLI", "ALM"])
def test_a_direction_mark_inside_an_unlisted_name_neither_splits_nor_turns_it(mark):
    text = (f"هاجم مسلحون قرية زنك{mark}ورة التابعة لقضاء الحويجة. "
            "وقرية زنكورة هادئة اليوم.")
    corpus = data.from_uploads([("a.txt", text.encode())])
    every = places(corpus, furniture=True)
    unlisted = every[every.index.str.startswith("unlisted:")]
    assert unlisted.index.tolist() == ["unlisted:قرية زنكورة@35.2645,43.7885"]
    assert unlisted["mentions"].tolist() == [2]
    assert mark in "".join(kept(corpus)["surface"])  # the text itself is kept as written
