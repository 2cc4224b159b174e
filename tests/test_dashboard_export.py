"""Exports hold exactly the rows of a query of the store (the filtered mentions, in the
library's columns with their documents' fields), written in chunks, within a cap."""

from __future__ import annotations

import io
import json
import tracemalloc

import pandas as pd
import pytest

from dashboard import data, export
from dashboard.filters import Filters
from dashboard.view import EXPORT_COLUMNS, View


def query(corpus, **choices) -> tuple[str, list]:
    return View(corpus.store, Filters(span=corpus.span, **choices)).rows_query()


def read_csv(raw: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", keep_default_na=False)


def test_the_csv_holds_the_filtered_rows(seed_corpus):
    sql, params = query(seed_corpus, regions=("Kirkuk",), furniture=True)
    raw = export.csv_bytes(seed_corpus.store, sql, params)
    assert raw.startswith(b"\xef\xbb\xbf")  # so that spreadsheets read UTF-8 Arabic
    table = read_csv(raw)
    view = seed_corpus.store.frame(sql, params)
    assert list(table.columns) == EXPORT_COLUMNS
    assert len(table) == len(view) == 12  # the Hamrin ridge and the disputed areas: none
    assert table["surface"].tolist() == view["surface"].tolist()
    assert set(table["admin1"]) == {"Kirkuk"}


def test_an_export_carries_its_documents_fields_joined():
    record = {"title": "عنوان الخبر", "source": "وكالة", "url": "https://example.iq/1",
              "text": "هجوم في كركوك. ثم هجوم آخر في الموصل."}
    corpus = data.from_uploads([("feed.jsonl", json.dumps(record).encode())])
    table = read_csv(export.csv_bytes(corpus.store, *query(corpus)))
    assert len(table) == 2
    assert table[["title", "source", "url"]].drop_duplicates().to_dict("records") == [
        {"title": "عنوان الخبر", "source": "وكالة", "url": "https://example.iq/1"}]


def test_any_query_of_the_store_exports(seed_corpus):
    """The lead's incidents export calls the same functions with its own query."""
    sql = "SELECT doc_id, published FROM documents ORDER BY doc_id"
    table = read_csv(export.csv_bytes(seed_corpus.store, sql))
    assert len(table) == 5 and list(table.columns) == ["doc_id", "published"]
    collection = json.loads(export.geojson_bytes(seed_corpus.store, sql))
    assert [f["geometry"] for f in collection["features"]] == [None] * 5


def test_the_geojson_holds_one_point_per_filtered_mention(seed_corpus):
    sql, params = query(seed_corpus, kinds=("Terrain",))
    collection = json.loads(export.geojson_bytes(seed_corpus.store, sql, params))
    assert collection["type"] == "FeatureCollection" and "cut" not in collection
    assert len(collection["features"]) == len(seed_corpus.store.frame(sql, params))
    shay = next(f for f in collection["features"]
                if f["properties"]["place_id"] == "terrain:wadi_al_shay")
    assert shay["geometry"] == {"type": "Point", "coordinates": [43.9958, 35.0159]}
    assert shay["properties"]["name_ar"] == "وادي الشاي"
    assert set(shay["properties"]) == set(EXPORT_COLUMNS) - {"lat", "lon"}


def test_an_empty_view_exports_its_header(seed_corpus):
    raw = export.csv_bytes(seed_corpus.store, *query(seed_corpus, words="لاتوجد"))
    assert raw.decode("utf-8-sig").rstrip("\r\n").split(",") == EXPORT_COLUMNS
    assert json.loads(export.geojson_bytes(seed_corpus.store, *query(
        seed_corpus, words="لاتوجد"))) == {"type": "FeatureCollection", "features": []}


def test_an_unlocated_mention_has_no_geometry():
    alone = data.from_uploads([("alone.txt", "انفجار في قرية الكنعوص".encode())])
    features = json.loads(export.geojson_bytes(alone.store, *query(alone)))["features"]
    nowhere = [f for f in features if f["geometry"] is None]
    assert [f["properties"]["name_ar"] for f in nowhere] == ["قرية الكنعوص"]
    assert nowhere[0]["properties"]["place_id"] is None


FORMULAS = {"equals": '=HYPERLINK("http://x","y")', "plus": "+1", "minus": "-2+3",
            "at": "@SUM(A1)", "tab": "\t=1+1", "carriage return": "\r=1+1",
            "RLM before": "\u200f=1+1", "RLO before": "\u202e=1+1", "space before": " =1",
            "no-break space before": "\u00a0=1", "word joiner before": "\u2060-1",
            "full-width equals": "＝1+1", "small equals": "﹦1+1", "full-width plus": "＋1",
            "full-width minus": "－1", "full-width at": "＠A1"}


@pytest.mark.parametrize("formula", FORMULAS.values(), ids=FORMULAS.keys())
def test_csv_cells_a_spreadsheet_would_run_start_with_a_quote(seed_corpus, formula):
    sql = ("SELECT ? AS title, ? AS excerpt, lon, 'بغداد' AS name_ar FROM "
           "(VALUES (-77.0365), (44.3661), (0.0)) v(lon)")
    table = read_csv(export.csv_bytes(seed_corpus.store, sql, [formula, formula]))
    assert table["title"].tolist() == table["excerpt"].tolist() == ["'" + formula] * 3
    # Numbers stay numbers, negative ones too; ordinary Arabic text is unchanged.
    assert table["lon"].tolist() == [-77.0365, 44.3661, 0.0]
    assert table["name_ar"].tolist() == ["بغداد"] * 3


@pytest.mark.parametrize("text", ["بغداد", "2025-01-01", "a=b", "‏بغداد", "١٢"])
def test_csv_cells_that_start_no_formula_are_left_as_written(seed_corpus, text):
    table = read_csv(export.csv_bytes(seed_corpus.store, "SELECT ? AS title", [text]))
    assert table["title"].tolist() == [text]


def test_the_geojson_escapes_markup_and_keeps_only_web_links(seed_corpus):
    sql = ("SELECT ? AS title, ? AS url, 33.3 AS lat, 44.4 AS lon UNION ALL "
           "SELECT '=1+1', ?, 33.3, 44.4")
    params = ['<img src=x onerror="alert(1)">', "javascript:alert(2)", "https://example.iq/a"]
    features = json.loads(export.geojson_bytes(seed_corpus.store, sql, params))["features"]
    assert [f["properties"] for f in features] == [
        {"title": "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;", "url": ""},
        {"title": "=1+1", "url": "https://example.iq/a"}]


ROWS = "SELECT i, repeat('ب', 500) AS title FROM range(?) t(i) ORDER BY i"


@pytest.mark.parametrize("write, read", [
    (export.csv_bytes, lambda raw: read_csv(raw)["i"].iloc[-1]),
    (export.geojson_bytes, lambda raw: json.loads(raw)["cut"]),
], ids=["csv", "geojson"])
def test_a_file_stops_at_the_cap_and_says_so_in_itself_and_on_the_page(seed_corpus, write,
                                                                        read):
    notes: dict[str, str] = {}
    raw = write(seed_corpus.store, ROWS, [20_000], cap=1_000_000, notes=notes)
    assert len(raw) <= 1_000_000
    said = str(read(raw))
    assert "the file holds the first " in said and " rows of 20,000: exports stop at 1 MB" in said
    (shown,) = export.cut_notes(notes)
    assert shown.startswith("The last ") and shown.endswith(
        "(the host's IRAQMAP_MAX_EXPORT_MB); narrow the filters for the rest")
    assert notes == {}  # said once
    whole = write(seed_corpus.store, ROWS, [200], cap=1_000_000, notes=notes)
    assert notes == {} and b"the file holds" not in whole


def test_an_export_holds_a_chunk_in_memory_not_the_table(seed_corpus):
    """A query of 200 MB exported under a 4 MB cap: the memory it takes stays near the
    cap and a chunk, where it took the whole table three times over (frame, text, bytes)."""
    sql = "SELECT i, repeat('ب', 1000) AS title FROM range(200000) t(i)"
    tracemalloc.start()
    raw = export.csv_bytes(seed_corpus.store, sql, cap=4_000_000)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(raw) <= 4_000_000 and peak < 40_000_000
