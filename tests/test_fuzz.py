"""Fuzz tests: hypothesis feeds random and hostile input to every path untrusted text takes.

Articles are scraped from the open web and uploaded by anyone who reaches a hosted
instance, so every byte is untrusted. These tests state what must hold for *any* input:
the readers (through :func:`gazetteer.documents.load_bytes`, every suffix and encoding),
the normaliser, the name matcher, the date rules and the whole extraction down to the rows
of the mentions table. A crash they found is fixed in the library and kept here as an
``@example``.

The default profile (``CI_PROFILE`` in ``tests/conftest.py``) runs a bounded number of
examples from a fixed seed. A long run with fresh random input (up to 20,000 examples a
test, some twenty minutes) is one flag away:

    python -m pytest tests/test_fuzz.py --hypothesis-profile=long --hypothesis-show-statistics
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import tomllib
from datetime import date
from functools import cache

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from gazetteer.context import words_before
from gazetteer.dates import (
    date_at,
    dates_at,
    find_dates,
    period,
    publication_date,
    sentence_bounds,
)
from gazetteer.datescan import tables as date_tables
from gazetteer.documents import LOADED, REJECTED, Document, load_bytes
from gazetteer.language import DATA_DIR
from gazetteer.language import tables as arabic_tables
from gazetteer.normalize import fold, normalize, words
from gazetteer.pipeline import Extractor
from gazetteer.segments import KINDS, segment
from gazetteer.tables import mention_rows

SUFFIXES = [".txt", ".html", ".htm", ".jsonl", ".csv"]

# --- Characters -------------------------------------------------------------------------

BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
HARAKAT = "".join(map(chr, range(0x064B, 0x0653))) + "\u0670"
COMBINING = HARAKAT + "\u0300\u0301\u0308\u0327\u20dd"
TATWEEL = "\u0640"
CONTROLS = "".join(map(chr, range(0x20))) + "\x7f\x85\u2028\u2029\ufeff\ufffe\uffff"
ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"
INDIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

# Mixed scripts: Arabic, ASCII (Latin, digits, punctuation), the marks that hide in Arabic
# text, emoji, controls, and now and then anything at all (never a lone surrogate: no
# bytes decode to one).
CHARACTERS = st.one_of(
    st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.sampled_from(ARABIC_INDIC + BIDI + COMBINING + TATWEEL + " \n\t\r"),
    st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),
    st.sampled_from(CONTROLS),
    st.characters(codec="utf-8"),
)
MIXED = st.text(CHARACTERS)
# Text the normaliser may meet after a JSON "\ud800" escape: lone surrogates too.
ANY_CODE_POINT = st.one_of(CHARACTERS, st.characters(categories=["Cs"]))

# Printable text for records whose fate the tests predict: no controls, which can make a
# whole file "binary" (more than 1% of its characters).
FIELD_TEXT = st.text(
    st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.sampled_from(ARABIC_INDIC + BIDI + COMBINING + TATWEEL + " \n\t\r\u2028"),
        st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),
    ),
    max_size=60,
)

# Every character Windows-1256 can write.
CP1256 = sorted(set(bytes(range(256)).decode("cp1256", errors="ignore")))

# --- Encodings: every path of gazetteer/encodings.py ------------------------------------

ENCODERS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8 with BOM": lambda t: t.encode("utf-8-sig"),
    "utf-16-le with BOM": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf-16-be with BOM": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    "utf-16-le": lambda t: t.encode("utf-16-le"),
    "utf-16-be": lambda t: t.encode("utf-16-be"),
    "cp1256": lambda t: t.encode("cp1256"),
}
# The codec gazetteer.encodings reports for each, when it recognises it.
REPORTED = {"utf-8": "utf-8", "utf-8 with BOM": "utf-8-sig", "cp1256": "cp1256",
            "utf-16-le with BOM": "utf-16-le", "utf-16-be with BOM": "utf-16-be",
            "utf-16-le": "utf-16-le", "utf-16-be": "utf-16-be"}
# The encodings that say what they are: a file in one of them always decodes as written.
MARKED = ["utf-8", "utf-8 with BOM", "utf-16-le with BOM", "utf-16-be with BOM"]


@st.composite
def encoded(draw, encodings=tuple(ENCODERS)):
    """(text, encoding, bytes): mixed text written in one of ``encodings`` (cp1256 only
    with the characters it has)."""
    encoding = draw(st.sampled_from(encodings))
    text = draw(st.text(st.sampled_from(CP1256)) if encoding == "cp1256" else MIXED)
    return text, encoding, ENCODERS[encoding](text)


# --- What every load must give -----------------------------------------------------------


def check_load(name: str, data: bytes):
    """Load ``data`` as an upload called ``name`` and check what holds for any input."""
    documents, report = load_bytes(name, data)
    assert report.status in (LOADED, REJECTED)
    # load_file turns any exception into this reason: a crash in disguise.
    assert not report.reason.startswith("unexpected error"), report.reason
    if report.status == REJECTED:
        assert report.reason and not documents
    else:
        assert report.documents == len(documents) >= 1
    # pyarrow and Streamlit need text that UTF-8 can write.
    for value in (report.path, report.reason, *report.problems):
        value.encode("utf-8")
    for doc in documents:
        for value in (doc.doc_id, doc.text, doc.title, doc.url, doc.source, doc.published):
            assert value is None or isinstance(value, str)
            if value is not None:
                value.encode("utf-8")
        assert doc.text.strip()
        if doc.published:
            period(doc.published)
        assert_covers(doc.segments, doc.text)
    return documents, report


def assert_covers(segments, text: str) -> None:
    """The segments cover ``text`` in order, without gaps, each of a known kind."""
    ends = [0, *(s.end for s in segments)]
    assert [s.start for s in segments] == ends[:-1] and ends[-1] == len(text)
    assert all(s.start < s.end and s.kind in KINDS for s in segments)


@pytest.mark.parametrize("suffix", SUFFIXES)
@given(data=st.binary(max_size=2_000))
@example(data=b"\xff\xfe\x00\xd8")  # a UTF-16 mark, then half a surrogate pair
@example(data=b"\xef\xbb\xbf\xff")  # a UTF-8 mark, then no UTF-8
@example(data=b"x" * 200_000)  # a csv header over csv's field size limit
def test_any_bytes_are_loaded_or_rejected_with_a_reason(suffix, data):
    check_load("upload" + suffix, data)


@pytest.mark.parametrize("suffix", SUFFIXES)
@given(written=encoded())
def test_any_text_in_any_encoding_is_loaded_or_rejected(suffix, written):
    text, encoding, data = written
    documents, report = check_load("upload" + suffix, data)
    # Text read in the encoding it was written in reads as written (a first U+FEFF aside:
    # it is read as a mark, see the next test).
    if suffix == ".txt" and report.encoding == REPORTED[encoding] and text[:1] != "\ufeff":
        assert [d.text for d in documents] == [text]


@given(written=encoded(encodings=MARKED))
@example(written=("\ufeffكركوك", "utf-8", "\ufeffكركوك".encode()))
@example(written=("0\x00", "utf-8", b"0\x00"))
def test_a_txt_file_in_a_marked_encoding_reads_as_written(written):
    """(UTF-8 without its mark is marked by having no NUL bytes, which UTF-16 has.)"""
    text, encoding, data = written
    if encoding == "utf-8" and text.startswith("\ufeff"):  # its bytes are UTF-8's mark
        encoding, text = "utf-8 with BOM", text[1:]
    documents, report = check_load("upload.txt", data)
    if report.status == LOADED and not (encoding == "utf-8" and "\x00" in text):
        assert (report.encoding, documents[0].text) == (REPORTED[encoding], text)


# --- Huge single lines ---------------------------------------------------------------------

HUGE = settings(
    max_examples=max(2, settings().max_examples // 100),  # a few: each takes a second
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def as_file(suffix: str, text: str) -> str:
    """``text`` as the one record of a file of ``suffix``."""
    if suffix == ".jsonl":
        return json.dumps({"text": text}, ensure_ascii=False)
    if suffix == ".csv":
        return "text\n" + text
    if suffix in (".html", ".htm"):
        return f"<html><body><article><p>{text}</p></article></body></html>"
    return text


@pytest.mark.parametrize("suffix", SUFFIXES)
@HUGE
@given(piece=st.text(CHARACTERS, min_size=1, max_size=20), size=st.integers(200_000, 3_000_000))
@example(piece="هجوم في كركوك 2025-09-24 ", size=3_000_000)  # always a few MB
def test_a_huge_single_line_is_loaded_or_rejected(suffix, piece, size):
    line = (piece * (size // len(piece) + 1))[:size].replace("\n", " ").replace("\r", " ")
    check_load("upload" + suffix, as_file(suffix, line).encode("utf-8"))


# --- HTML: malformed, nested, scripted ---------------------------------------------------

TAGS = ["div", "p", "span", "b", "article", "main", "table", "td", "tr", "li", "ul", "h1",
        "script", "style", "head", "body", "html", "title", "noscript", "svg", "iframe",
        "embed", "object", "form", "aside", "nav", "footer", "template", "math"]
ENTITIES = ["&amp;", "&lt;", "&gt;", "&nbsp;", "&quot;", "&#1576;", "&#x628;", "&#xd800;",
            "&#xdfff;", "&#0;", "&#1;", "&#x110000;", "&#65535;", "&#99999999999;",
            "&bogus;", "&", "&#", "&#x;"]
MARKUP = st.one_of(
    st.sampled_from(TAGS).map(lambda t: f"<{t}>"),
    st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
    st.sampled_from(TAGS).map(lambda t: f'<{t} class="x" dir="rtl" onload=\'alert(1)\'>'),
    st.sampled_from(ENTITIES),
    st.sampled_from(["<!--", "-->", "<![CDATA[", "]]>", "<!DOCTYPE html>", "<?xml?>", "<",
                     ">", "</", "<br/>", '<meta charset="cp1256">', "<p", '"', "'"]),
    st.sampled_from(TAGS).map(lambda t: f"<{t}>" * 1_000),  # 1000-deep nesting
    MIXED,
)


@pytest.mark.parametrize("suffix", [".html", ".htm"])
@given(pieces=st.lists(MARKUP, max_size=30), encoding=st.sampled_from(MARKED))
@example(pieces=["<div>" * 1_000, "<p>كركوك &#xd800; &#0; &#65535;</p>"], encoding="utf-8")
@example(pieces=["<svg>", "<html>"], encoding="utf-8")  # trafilatura failed an assertion
@example(pieces=["<embed>", "<html>", "<p>كركوك</p>"], encoding="utf-8")
def test_any_markup_is_loaded_or_rejected(suffix, pieces, encoding):
    check_load("page" + suffix, ENCODERS[encoding]("".join(pieces)))


# --- JSONL: good records and bad lines at known places -----------------------------------

GOOD_TEXT = FIELD_TEXT.filter(str.strip)
JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | FIELD_TEXT
BAD_LINES = st.one_of(
    FIELD_TEXT.map(lambda s: "#" + s.replace("\n", " ")),  # no JSON value starts with "#"
    st.sampled_from(['{"text": ', '{"text": "open', "{'text': 'x'}", "[1, 2", "nul", "{}}"]),
    st.integers(1, 100_000).map(lambda n: "[" * n),  # nested past the parser's recursion
    st.integers(4_301, 6_000).map(lambda n: '{"text": "x", "n": ' + "1" * n + "}"),
    JSON_SCALARS.map(json.dumps),
    st.lists(JSON_SCALARS, max_size=3).map(json.dumps),
    st.sampled_from([{}, {"text": ""}, {"text": " \n "}, {"text": 5}, {"text": ["x"]},
                     {"text": None}, {"title": "x"}, {"text": {"text": "x"}}]).map(json.dumps),
)


@given(
    lines=st.lists(
        st.one_of(
            st.tuples(st.just("good"), GOOD_TEXT, st.booleans()),
            st.tuples(st.just("bad"), BAD_LINES, st.just(False)),
            st.tuples(st.just("blank"), st.sampled_from(["", " ", "\t"]), st.just(False)),
        ),
        max_size=12,
    ),
    encoding=st.sampled_from(MARKED),
)
@example(lines=[("good", "كركوك", False), ("bad", "[" * 100_000, False)], encoding="utf-8")
@example(lines=[("good", "x", False), ("bad", '{"n": ' + "1" * 5_000 + "}", False)],
         encoding="utf-8")
def test_jsonl_keeps_every_good_record_and_names_every_bad_line(lines, encoding):
    written = []
    for kind, value, ascii_only in lines:
        written.append(json.dumps({"text": value}, ensure_ascii=ascii_only)
                       if kind == "good" else value)
    documents, report = check_load("records.jsonl", ENCODERS[encoding]("\n".join(written)))
    good = [value for kind, value, _ in lines if kind == "good"]
    bad = [n for n, (kind, _, _) in enumerate(lines, start=1) if kind == "bad"]
    assert [d.text for d in documents] == good
    if good:
        named = [int(re.match(r"line (\d+): ", p)[1]) for p in report.problems]
        assert named == bad
    else:
        assert report.status == REJECTED


@given(
    before=FIELD_TEXT, after=FIELD_TEXT, code=st.integers(0xD800, 0xDFFF),
    field=st.sampled_from(["text", "title", "url", "source", "id", "date"]),
    in_key=st.booleans(),
)
@example(before="", after="", code=0xD800, field="text", in_key=True)
def test_jsonl_lone_surrogate_escapes_become_replacement_characters(
    before, after, code, field, in_key
):
    """json.loads reads "\\ud800" as a lone surrogate, which UTF-8 cannot write: in a
    field's value, or in a field's name (that a rejection lists)."""
    value = before + "\x00" + after
    record = {value: "x"} if in_key else {"text": "كركوك", field: value}
    line = json.dumps(record).replace("\\u0000", f"\\u{code:04x}")
    documents, _ = check_load("records.jsonl", line.encode("utf-8"))
    assert len(documents) == (0 if in_key else 1)


# --- Metadata of any kind ------------------------------------------------------------------

# Dates as feeds write them, and as they should not.
DATE_FIELDS = st.one_of(
    st.tuples(st.integers(0, 99_999), st.integers(0, 99), st.integers(0, 99),
              st.sampled_from(["{}-{}-{}", "{}/{}/{}", "{2}/{1}/{0}", "{2}.{1}.{0}", "{}-{}",
                               "{}-{}-{}T10:00:00+03:00", "{2} Mar {0} 15:35:49 GMT",
                               "Mon, {2} Feb {0} 1:1", "{}"]))
    .map(lambda d: d[3].format(*d[:3])),
    FIELD_TEXT,
    st.just("1 Jan 9999999999 0:0"),  # a year date() refuses with OverflowError
)
METADATA = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), FIELD_TEXT, DATE_FIELDS,
    st.lists(st.integers(), max_size=2), st.dictionaries(FIELD_TEXT, st.integers(), max_size=2),
)
FIELD_NAMES = st.sampled_from(["title", "Headline", "date", " Published ", "pubdate",
                               "DATETIME", "url", "link", "source", "outlet", "site", "id",
                               "ID", "other"])


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
@given(records=st.lists(
    st.tuples(GOOD_TEXT, st.dictionaries(FIELD_NAMES, METADATA, max_size=5)),
    min_size=1, max_size=6,
))
@example(records=[("\u064b", {})])  # text of dropped characters only: it had no segment
def test_records_with_any_metadata_are_all_kept(suffix, records):
    """Every record with text is a document, whatever its other fields hold (ids used
    twice are renamed, dates not understood left empty)."""
    rows = [{"text": text} | fields for text, fields in records]
    if suffix == ".jsonl":
        data = "\n".join(json.dumps(row) for row in rows)
    else:
        out = io.StringIO(newline="")
        names = list(dict.fromkeys(name for row in rows for name in row))
        writer = csv.DictWriter(out, names)
        writer.writeheader()
        writer.writerows(rows)
        data = out.getvalue()
    documents, _ = check_load("records" + suffix, data.encode("utf-8"))
    assert [d.text for d in documents] == [text for text, _ in records]
    assert len({d.doc_id for d in documents}) == len(documents)


# --- CSV: ragged rows, quoted line breaks, stray quotes, odd delimiters ------------------

CSV_FIELD = st.one_of(
    FIELD_TEXT,
    st.sampled_from(['"', '""', 'a"b', '"x', ",", ";", "\t", "\n", "\r\n", "\r", " "]),
)


@given(
    rows=st.lists(st.lists(CSV_FIELD, max_size=5), max_size=10),
    delimiter=st.sampled_from([",", ";", "\t"]),
    header_case=st.sampled_from(["text", "TEXT", " Text "]),
    oversized=st.none() | st.integers(0, 9),
    encoding=st.sampled_from(MARKED),
)
@example(rows=[["t", "x" * 200_000], ["t", "كركوك"]], delimiter=",", header_case="text",
         oversized=None, encoding="utf-8")
def test_csv_keeps_every_row_with_text_and_names_every_bad_row(
    rows, delimiter, header_case, oversized, encoding
):
    """A row of title, text and any extra fields (ragged: any number of them); a row may
    hold a field over csv's size limit, unquoted on one line, at a known place."""
    if oversized is not None and oversized < len(rows):
        rows[oversized] = ["x" * (csv.field_size_limit() + 1)]
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter)  # CRLF: fields with "\r" are quoted
    writer.writerow(["title", header_case, "extra"])
    starts = []  # the line each row starts on, as csv counts lines
    for row in rows:
        starts.append(len(io.StringIO(out.getvalue(), newline="").readlines()) + 1)
        writer.writerow(row)
    documents, report = check_load("records.csv", ENCODERS[encoding](out.getvalue()))

    kept = [(n, row) for n, row in zip(starts, rows, strict=True) if row]
    too_big = [n for n, r in kept if any(len(f) > csv.field_size_limit() for f in r)]
    no_text = [n for n, r in kept if n not in too_big and (len(r) < 2 or not r[1].strip())]
    assert [d.text for d in documents] == [
        r[1] for n, r in kept if n not in too_big + no_text]
    if documents:
        named = [int(re.match(r"line (\d+): ", p)[1]) for p in report.problems]
        assert named == sorted(too_big + no_text)


# --- The normaliser ---------------------------------------------------------------------

DROPPED = frozenset(arabic_tables()["normalise"]["drop"])


@given(text=st.text(ANY_CODE_POINT))
@example(text="a\uffffb")  # U+FFFF was the lookup table's drop marker, and dropped
def test_normalised_positions_map_back_into_the_original(text):
    n, w = normalize(text), words(text)
    assert fold(text) == n.text
    assert fold(n.text) == n.text  # folding twice changes nothing
    # Only the listed characters are dropped; every other stands for one of its own.
    assert len(n.text) == len(text) - sum(ch in DROPPED for ch in text)
    back = [n.original(i) for i in range(len(n.text))]
    assert back == sorted(set(back)) and all(0 <= o < len(text) for o in back)
    assert {text[o] for o in set(range(len(text))) - set(back)} <= DROPPED
    assert all(fold(text[o]) == ch for o, ch in zip(back, n.text, strict=True))
    assert n.original_end(len(n.text)) == len(text)
    # words() drops the same characters: its positions are normalize()'s.
    assert len(w.text) == len(n.text)
    assert all(w.original(i) == o for i, o in enumerate(back))
    assert all(ch == " " or ch.isalnum() or ch.isalpha() or 0x300 <= ord(ch) < 0x370
               for ch in w.text)


@given(text=st.text(ANY_CODE_POINT), data=st.data())
def test_a_normalised_span_folds_from_its_original_span(text, data):
    n = normalize(text)
    i = data.draw(st.integers(0, len(n.text)))
    j = data.draw(st.integers(i, len(n.text)))
    start, end = n.original(i), n.original_end(j)
    assert 0 <= start <= end <= len(text)
    assert fold(text[start:end]) == n.text[i:j]


# --- Gazetteer names, as articles write them --------------------------------------------


@cache
def extractor() -> Extractor:
    """One extractor for the module (building it takes about a second)."""
    return Extractor()


@cache
def place_names() -> list[str]:
    gazetteer = extractor().parser.gazetteer
    return sorted({n for p in gazetteer for n in p.names if re.search("[\u0600-\u06ff]", n)})


PROCLITICS = ["", "", "و", "ب", "ل", "ال", "لل", "ف", "وب", "ول", "ولل", "فال", "بال"]
DECORATIONS = st.sampled_from(HARAKAT + TATWEEL + BIDI + "\u200c\u200d")
PUNCTUATION = st.sampled_from([" ", " ", " ", "  ", "\n", "، ", ". ", "(", ")", "«", "»",
                               "-", "/", ":", "؟", "!", "\u200f", ""])


@st.composite
def written_names(draw):
    """A gazetteer name with a proclitic, and diacritics, tatweel or bidi marks inside."""
    name = list(draw(st.sampled_from(PROCLITICS)) + draw(st.deferred(
        lambda: st.sampled_from(place_names()))))
    for _ in range(draw(st.integers(0, 3))):
        name.insert(draw(st.integers(0, len(name))), draw(DECORATIONS))
    return "".join(name)


def texts_of(*pieces):
    """Texts of ``pieces`` each followed by punctuation or space (or nothing)."""
    return st.lists(st.tuples(st.one_of(*pieces), PUNCTUATION), max_size=40).map(
        lambda pairs: "".join(p + sep for p, sep in pairs))


NOISE = st.text(CHARACTERS, max_size=12)
NAME_TEXTS = texts_of(written_names(), NOISE)


@given(text=NAME_TEXTS)
def test_matches_are_whole_words_inside_the_folded_text(text):
    folded = words(text)
    ft = folded.text
    previous_end = 0
    for m in extractor().parser.matcher.find(ft):
        word = m.start - len(m.clitic)
        assert previous_end <= word <= m.start < m.end <= len(ft)
        assert ft[word : m.start] == m.clitic
        assert word == 0 or ft[word - 1] == " "
        assert m.end == len(ft) or ft[m.end] == " "
        start, end = folded.original(m.start), folded.original_end(m.end)
        assert 0 <= start < end <= len(text)
        previous_end = m.end


# --- Dates --------------------------------------------------------------------------------


DATE_WORDS = date_tables()
MONTHS = sorted({n for system in DATE_WORDS["months"].values() for ns in system for n in ns})
WEEKDAYS = sorted({n for system in ("arabic", "english")
                   for names in DATE_WORDS["weekdays"][system] for n in names})
RELATIVE = DATE_WORDS["relative"]
AFTER_MONTH = sorted([*RELATIVE["after_month"], *(k for k, (unit, _) in
                                                  RELATIVE["periods"].items() if unit == "year")])
PHRASE_WORDS = sorted({*RELATIVE["days"], *RELATIVE["periods"], *RELATIVE["not_today_before"],
                       *DATE_WORDS["weekdays"]["markers"], *DATE_WORDS["years"]["markers"],
                       *DATE_WORDS["publication"]["labels"]})


def number(low: int, high: int):
    """Numbers written in Latin or Arabic-Indic digits."""
    return st.tuples(st.integers(low, high), st.booleans()).map(
        lambda n: str(n[0]).translate(INDIC_DIGITS) if n[1] else str(n[0]))


def optional(strategy):
    return st.one_of(st.just(""), strategy)


IN_DATE = st.sampled_from([" ", " ", "  ", "، ", ", ", "/", " / ", "-", ""])


def joined(*parts, sep=IN_DATE):
    """The non-empty ``parts`` with a separator after each."""
    return st.tuples(*(st.tuples(p, sep) for p in parts)).map(
        lambda pairs: "".join(p + s for p, s in pairs if p))


DAY, MONTH, YEAR = number(0, 35), number(0, 13), number(1895, 2105)
# Dates as the grammar of gazetteer/datescan.py writes them, near misses included.
DATE_PHRASES = st.one_of(
    joined(optional(st.sampled_from(DATE_WORDS["periods"]["edges"])),
           optional(st.sampled_from(WEEKDAYS)), optional(DAY), st.sampled_from(MONTHS),
           optional(st.sampled_from(MONTHS)),
           optional(st.one_of(YEAR, st.sampled_from(AFTER_MONTH)))),
    joined(DAY, MONTH, YEAR, sep=st.sampled_from(["-", "/", ".", "-/"])),
    joined(YEAR, MONTH, DAY, sep=st.sampled_from(["-", "/", ".", " "])),
    joined(optional(st.sampled_from(PHRASE_WORDS)), st.sampled_from(PHRASE_WORDS),
           optional(st.sampled_from(WEEKDAYS)), optional(YEAR)),
)
NUMBERS = st.one_of(number(0, 40), number(1890, 2110), number(0, 99_999))
DATE_SEPARATORS = st.sampled_from([" ", " ", "/", "-", ".", ",", "،", "\n", "(", ")", ":",
                                   " / ", "", "\u200f", TATWEEL, "م "])
DATE_TEXTS = st.lists(st.tuples(st.one_of(DATE_PHRASES, DATE_PHRASES, NUMBERS, NOISE),
                                DATE_SEPARATORS), max_size=20).map(
    lambda pairs: "".join(p + sep for p, sep in pairs))
# Publication dates: those of news, any other, and the ends of the calendar (metadata may
# say 0001-01-01).
DAYS = st.one_of(st.dates(date(1990, 1, 1), date(2030, 12, 31)), st.dates(),
                 st.dates(date.min, date(12, 12, 31)), st.dates(date(9988, 1, 1), date.max))
ANCHORS = st.none() | st.tuples(DAYS, st.integers(1, 3)).map(
    lambda a: "-".join(a[0].isoformat().split("-")[: a[1]]))
VALUE = {"year": r"\d{4}", "month": r"\d{4}-\d{2}", "day": r"\d{4}-\d{2}-\d{2}"}


def check_value(value: str, precision: str) -> None:
    """A date value of the tables: YYYY, YYYY-MM or YYYY-MM-DD, of a real day."""
    assert re.fullmatch(VALUE[precision], value), (value, precision)
    parts = [int(p) for p in value.split("-")]
    date(*parts, *[1] * (3 - len(parts)))
    assert period(value)[2] == precision


@given(text=DATE_TEXTS, anchor=ANCHORS)
@example(text="في 0 أيار 2020", anchor=None)  # was 2020-05-00
@example(text="وقع أمس، يوم الجمعة", anchor="0001-01-01")  # past the calendar's start
@example(text="الجمعة 22 نوفمبر، العام المقبل", anchor="9999-12-31")  # past its end
def test_dates_are_spans_of_the_text_with_valid_values(text, anchor):
    found = find_dates(text, anchor)
    # Sorted and apart: date_at looks only at the dates beside a mention.
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
    for d in found:
        assert 0 <= d.start < d.end <= len(text)
        assert text[d.start : d.end] == d.text
        check_value(d.value, d.precision)
        assert anchor is not None or not d.relative
    value, precision = publication_date(text)
    assert (value is None) == (precision is None)
    if value is not None:
        check_value(value, precision)


@given(text=DATE_TEXTS, anchor=ANCHORS, data=st.data())
def test_the_date_of_a_span_is_the_nearest_in_its_sentence(text, anchor, data):
    """dates_at, which walks the spans and looks beside each only, agrees with a look at
    every date of its sentence."""
    found = find_dates(text, anchor)
    spans = []
    for _ in range(data.draw(st.integers(1, 5))):
        start = data.draw(st.integers(0, len(text)))
        spans.append((start, data.draw(st.integers(start, len(text)))))
    if data.draw(st.booleans()):
        spans.sort()  # the walk's case; out of order, it starts again

    def nearest(start: int, end: int):
        lo, hi = sentence_bounds(text, start, end)
        inside = [d for d in found if lo <= d.start and d.end <= hi]
        return min(inside, key=lambda d: max(d.start - end, start - d.end, 0), default=None)

    assert dates_at(found, text, spans) == [nearest(*span) for span in spans]
    assert date_at(found, text, *spans[0]) == nearest(*spans[0])


@given(text=st.text(st.sampled_from("كر بغداد x "), max_size=300), data=st.data())
def test_the_words_before_a_place_are_those_a_split_gives(text, data):
    """words_before reads a stretch back, wider until it holds a word more: whatever the
    words' lengths, it gives the last words of everything before."""
    pos, n = data.draw(st.integers(0, len(text))), data.draw(st.integers(1, 5))
    assert words_before(text, pos, n) == text[:pos].split()[-n:]


# --- The whole extraction, down to the mentions table -----------------------------------

# Lines that start page furniture ("read also", comments): see data/segments.toml.
with open(DATA_DIR / "segments.toml", "rb") as f:
    RULES = tomllib.load(f)["rule"]
MARKER_LINES = sorted({line for rule in RULES for line in rule.get("lines", [])})
ARTICLES = texts_of(written_names(), written_names(), DATE_PHRASES, NUMBERS, NOISE,
                    st.sampled_from(MARKER_LINES).map(lambda line: f"\n{line}\n"))


@given(text=ARTICLES, published=ANCHORS)
@example(text="0 APR الجاري في كركوك", published="2000")  # a day 0 was an event date
def test_every_mention_and_row_points_into_the_text(text, published):
    segments = segment(text)
    assert_covers(segments, text)
    doc = Document("fuzz", "fuzz.txt", text, published=published, segments=segments)
    extraction = extractor().extract(doc)
    for m in extraction.mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.segment in KINDS
        if m.event_date:
            check_value(m.event_date, m.event_precision)
    rows = mention_rows(extraction)
    assert len(rows) == len(extraction.mentions)
    for row in rows:
        lo, excerpt = row["excerpt_start"], row["excerpt"]
        assert excerpt == text[lo : lo + len(excerpt)]
        assert lo <= row["start"] < row["end"] <= lo + len(excerpt)
        assert row["surface"] == text[row["start"] : row["end"]]
    json.dumps(extraction.to_json())
