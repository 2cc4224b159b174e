"""Reading files into documents: encodings, formats, rejections and the load report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gazetteer.documents import Corpus, Document, FileReport, load_bytes, load_corpus
from gazetteer.encodings import DecodeError, decode
from gazetteer.readers import READERS, WHOLE_PAGE, ReadError, reader_for

SEEDS = Path(__file__).parent.parent / "seeds"
GERMAN = "Größe der Stadt Mossul: über eine Million Einwohner, schöne Brücken, Flüsse."
SEED_000 = (SEEDS / "000_243431c79fe640ef.txt").read_text(encoding="utf-8")

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
  <meta charset="utf-8">
  <title>مقتل عنصرين من داعش بضربة جوية في وادي الشاي - شبكة الرافدين</title>
  <meta property="og:title" content="مقتل عنصرين من داعش بضربة جوية في وادي الشاي">
  <meta property="og:url" content="https://alrafidain.example/news/2021/02/wadi-shay">
  <meta property="og:site_name" content="شبكة الرافدين">
  <meta property="article:published_time" content="2021-02-14T09:30:00+03:00">
</head>
<body>
  <header>
    <nav><ul>
      <li><a href="/">الرئيسية</a></li><li><a href="/sport">رياضة</a></li>
      <li><a href="/economy">اقتصاد</a></li><li><a href="/gulf">أخبار الخليج والرياض</a></li>
    </ul></nav>
  </header>
  <main>
    <article>
      <h1>مقتل عنصرين من داعش بضربة جوية في وادي الشاي</h1>
      <p class="date">14 شباط 2021</p>
      <p>أعلنت خلية الإعلام الأمني، يوم الأحد، مقتل عنصرين من تنظيم داعش بضربة جوية
      نفذتها طائرات القوة الجوية العراقية في وادي الشاي ضمن قاطع عمليات كركوك.</p>
      <p>وقالت الخلية في بيان إن الضربة جاءت بعد رصد تحركات العنصرين في المنطقة الوعرة
      جنوب غربي كركوك، وإن قوة من الفرقة الثامنة فتشت المكان بعد الضربة.</p>
      <p>وأضاف البيان أن القوات الأمنية ستواصل ملاحقة فلول التنظيم في جبال حمرين
      وصحراء الأنبار حتى القضاء عليها.</p>
    </article>
  </main>
  <aside><h3>الأكثر قراءة</h3><ul><li><a href="/x">مباراة الزمالك في القاهرة</a></li></ul></aside>
  <footer><p>جميع الحقوق محفوظة لشبكة الرافدين في دبي 2021</p></footer>
</body>
</html>
"""


def write(folder, name, data):
    """Write ``data`` (text as UTF-8, or bytes) to ``folder/name``, making subfolders."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def load_one(path) -> tuple[list[Document], FileReport]:
    corpus = load_corpus(path)
    assert len(corpus.report) == 1
    return corpus.documents, corpus.report[0]


# --- encodings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        pytest.param(SEED_000.encode("utf-8"), "utf-8", id="utf-8"),
        pytest.param(SEED_000.encode("utf-8-sig"), "utf-8-sig", id="utf-8-with-bom"),
        pytest.param(b"\xff\xfe" + SEED_000.encode("utf-16-le"), "utf-16-le", id="utf-16-le-bom"),
        pytest.param(b"\xfe\xff" + SEED_000.encode("utf-16-be"), "utf-16-be", id="utf-16-be-bom"),
        pytest.param(SEED_000.encode("utf-16-le"), "utf-16-le", id="utf-16-le-no-bom"),
        pytest.param(SEED_000.encode("utf-16-be"), "utf-16-be", id="utf-16-be-no-bom"),
        pytest.param(SEED_000.encode("cp1256"), "cp1256", id="windows-1256"),
    ],
)
def test_a_seed_reads_the_same_in_every_encoding(tmp_path, data, encoding):
    docs, report = load_one(write(tmp_path, "article.txt", data))
    assert report.status == "loaded"
    assert report.encoding == encoding
    assert docs[0].encoding == encoding
    assert docs[0].text == SEED_000  # the BOM stripped, nothing else changed


def test_line_ends_are_kept_as_decoded():
    text, _ = decode("سطر أول\r\nسطر ثان\r\n".encode())
    assert text == "سطر أول\r\nسطر ثان\r\n"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        pytest.param("Il était une fois à Mossoul".encode("latin-1"), "undecodable", id="latin-1"),
        pytest.param(GERMAN.encode("latin-1"), "undecodable", id="latin-1-de"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary", id="png"),
        pytest.param(bytes(range(1, 32)) * 4, "binary", id="control-characters"),
    ],
)
def test_what_is_not_arabic_text_is_refused(data, reason):
    with pytest.raises(DecodeError, match=reason):
        decode(data)


def test_a_stray_ctrl_z_at_the_end_is_still_text():
    text, encoding = decode(SEED_000.encode("cp1256") + b"\x1a")
    assert (text[:-1], encoding) == (SEED_000, "cp1256")


# --- rejections --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        pytest.param("empty.txt", b"", "empty file", id="empty"),
        pytest.param("blank.txt", b" \n\t\n", "empty file", id="only-white-space"),
        pytest.param("photo.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01", "binary", id="binary"),
        pytest.param("old.txt", "Café crème".encode("latin-1"), "undecodable", id="undecodable"),
        pytest.param("half.txt", b"\xff\xfe\x27\x06\x44", "undecodable", id="broken-utf-16"),
        pytest.param("report.pdf", b"%PDF-1.7", "unknown suffix '.pdf'", id="unknown-suffix"),
        pytest.param("README", b"text", "unknown suffix '(none)'", id="no-suffix"),
        pytest.param(
            "table.csv", b"name,lat,lon\nKirkuk,35.4,44.4\n", "no text column", id="csv-no-text"
        ),
        pytest.param(
            "dump.jsonl", b'{"name": "Kirkuk"}\n', "no text field", id="jsonl-no-text-field"
        ),
        pytest.param("nulls.jsonl", b'{"text": null}\n', "no records with text", id="jsonl-null"),
        pytest.param("page.html", b"<html><body></body></html>", "no article text", id="html"),
    ],
)
def test_each_rejection_names_its_reason(tmp_path, name, data, reason):
    docs, report = load_one(write(tmp_path, name, data))
    assert docs == []
    assert report.status == "rejected"
    assert report.reason.startswith(reason)
    assert report.path == str(tmp_path / name)


def test_the_unknown_suffix_error_names_the_known_ones():
    with pytest.raises(ReadError) as err:
        reader_for("notes.docx")
    for suffix in (".txt", ".html", ".htm", ".jsonl", ".csv"):
        assert suffix in str(err.value)
    assert set(READERS) == {".txt", ".html", ".htm", ".jsonl", ".csv"}


def test_no_text_column_names_the_columns_found(tmp_path):
    _, report = load_one(write(tmp_path, "t.csv", "Name;Lat;Lon\nKirkuk;35.4;44.4\n"))
    assert report.reason == "no text column (columns found: Name, Lat, Lon)"


# --- formats -----------------------------------------------------------------------------


def test_jsonl_keeps_the_good_lines_and_reports_the_bad(tmp_path):
    lines = [
        json.dumps({"id": "a-1", "text": "هجوم في كركوك", "published": "2018-03-19"}),
        '{"text": "سطر مقطوع',
        "",
        json.dumps({"text": "اشتباك في ديالى", "Published": "Mon, 19 Mar 2018 15:35:49 GMT"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "بلا نص"}),
        json.dumps({"id": "a-1", "text": "معرف مكرر", "date": "yesterday"}),
    ]
    path = write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    docs, report = load_one(path)
    assert report.status == "loaded"
    assert [d.doc_id for d in docs] == ["a-1", "feed.jsonl#4", "feed.jsonl#7"]
    assert [d.published for d in docs] == ["2018-03-19", "2018-03-19", None]
    assert report.documents == 3
    assert report.problems == (
        "line 2: not valid JSON (Unterminated string starting at)",
        "line 5: not a JSON object",
        "line 6: no text",
        "line 7: id 'a-1' already used, called 'feed.jsonl#7'",
        "line 7: date 'yesterday' not understood, left empty",
    )


def test_jsonl_lines_python_cannot_parse_are_reported_not_fatal():
    """json.loads raises RecursionError and a plain ValueError (not JSONDecodeError) for
    these; they used to reject the whole file as an "unexpected error"."""
    lines = ['{"text": "هجوم في كركوك"}', "[" * 100_000, '{"text": "x", "n": ' + "1" * 5_000 + "}"]
    docs, report = load_bytes("feed.jsonl", "\n".join(lines).encode())
    assert [d.text for d in docs] == ["هجوم في كركوك"]
    assert report.problems == ("line 2: not valid JSON (nested too deeply)",
                               "line 3: not valid JSON (a number too long)")


def test_a_page_trafilatura_fails_on_is_read_whole():
    """htmldate, which trafilatura asks for the date, fails an assertion in lxml on a page
    whose root element is one it drops (embed, svg); that rejected the file as an
    "unexpected error"."""
    docs, report = load_bytes("page.html", "<embed><html><p>هجوم في كركوك</p>".encode())
    assert [d.text for d in docs] == ["هجوم في كركوك"]
    assert report.problems == (WHOLE_PAGE,)
    assert load_bytes("page.html", b"<svg><html>")[1].reason == "no article text found in the page"


def test_a_csv_whose_first_line_is_one_huge_field_is_rejected_with_a_reason():
    """csv raises for a field over its size limit; in the header that was uncaught."""
    _, report = load_bytes("table.csv", b"x" * 200_000 + "\nنص".encode())
    assert report.reason == "no header row: field larger than field limit (131072)"


def test_a_field_name_with_a_lone_surrogate_is_listed_as_text_that_encodes():
    _, report = load_bytes("feed.jsonl", b'{"ti\\ud800tle": "x"}')
    assert report.reason == "no text field (fields found: ti\ufffdtle)"


def test_jsonl_text_may_hold_unicode_line_separators(tmp_path):
    record = {"text": "الفقرة الأولى\u2028الفقرة الثانية"}
    docs, _ = load_one(write(tmp_path, "sep.jsonl", json.dumps(record, ensure_ascii=False)))
    assert docs[0].text == record["text"]


def test_csv_accepts_common_column_names_and_quoted_line_breaks(tmp_path):
    rows = (
        "ID,Headline,Content,PubDate,Link,Outlet\n"
        'k1,هجوم في كركوك,"الفقرة الأولى عن كركوك.\n\nالفقرة الثانية عن الحويجة.",'
        "25/12/2018,https://example.iq/k1,شفق نيوز\n"
        ",بلا نص,,2018,,\n"
        'k2,"عنوان, بفاصلة","نص قصير عن الموصل",2019-07,,\n'
    )
    docs, report = load_one(write(tmp_path, "export.csv", rows))
    first, second = docs
    assert first.text == "الفقرة الأولى عن كركوك.\n\nالفقرة الثانية عن الحويجة."
    assert (first.doc_id, first.title, first.published) == ("k1", "هجوم في كركوك", "2018-12-25")
    assert (first.url, first.source) == ("https://example.iq/k1", "شفق نيوز")
    assert (second.doc_id, second.title, second.published) == ("k2", "عنوان, بفاصلة", "2019-07")
    assert report.problems == ("line 5: no text",)  # the record after the 3-line one


def test_csv_with_semicolons_and_a_bom_from_excel(tmp_path):
    data = "text;date\nانفجار في بغداد;2020\n".encode("utf-8-sig")
    docs, report = load_one(write(tmp_path, "excel.csv", data))
    assert (docs[0].text, docs[0].published, report.encoding) == (
        "انفجار في بغداد",
        "2020",
        "utf-8-sig",
    )
    assert docs[0].doc_id == "excel.csv#2"


def test_html_gives_the_article_without_navigation_or_footer(tmp_path):
    docs, report = load_one(write(tmp_path, "wadi-shay.html", ARTICLE_HTML))
    assert report.status == "loaded"
    (doc,) = docs
    assert "وادي الشاي ضمن قاطع عمليات كركوك" in doc.text
    assert "جبال حمرين" in doc.text
    for furniture in ("رياضة", "الرياض", "الزمالك", "جميع الحقوق محفوظة"):
        assert furniture not in doc.text
    assert doc.title == "مقتل عنصرين من داعش بضربة جوية في وادي الشاي"
    assert doc.published == "2021-02-14"
    assert doc.url == "https://alrafidain.example/news/2021/02/wadi-shay"
    assert doc.source == "شبكة الرافدين"
    assert doc.doc_id == "wadi-shay.html"


def test_html_too_deep_for_lxml_is_read_whole_without_scripts_and_says_so(tmp_path):
    body = "<div>" * 300 + "<p>هجوم في وادي الشاي</p><script>var x;</script>" + "</div>" * 300
    page = f"<html><head><title>عنوان</title><style>p {{}}</style></head><body>{body}</body>"
    (doc,), report = load_one(write(tmp_path, "deep.html", page))
    assert doc.text == "هجوم في وادي الشاي"
    assert report.problems == (WHOLE_PAGE,)


def test_html_in_windows_1256_is_read(tmp_path):
    page = ARTICLE_HTML.replace('charset="utf-8"', 'charset="windows-1256"')
    docs, report = load_one(write(tmp_path, "old.htm", page.encode("cp1256")))
    assert report.encoding == "cp1256"
    assert "وادي الشاي ضمن قاطع عمليات كركوك" in docs[0].text


# --- folders, lists, uploads and the report ---------------------------------------------


@pytest.fixture
def tmp_corpus(tmp_path):
    """A folder of articles in subfolders, with some files that cannot be loaded."""
    write(tmp_path, "a.txt", "هجوم في كركوك")
    write(tmp_path, "2024/feb/b.txt", "اشتباك في ديالى".encode("cp1256"))
    write(tmp_path, "2024/feed.jsonl", '{"text": "قصف في حمرين"}\n{"text": "ضربة في الشاي"}\n')
    write(tmp_path, "2024/feb/a.txt", "نفس الاسم في مجلد آخر")
    write(tmp_path, "2024/empty.txt", b"")
    write(tmp_path, "notes.docx", b"PK\x03\x04")
    write(tmp_path, ".DS_Store", b"\x00\x00\x00\x01Bud1")
    write(tmp_path, ".git/HEAD", "ref: refs/heads/main\n")
    return tmp_path


def test_a_folder_is_read_recursively_and_every_file_is_reported(tmp_corpus):
    corpus = load_corpus(tmp_corpus)
    rows = {row["path"]: row for row in corpus.rows()}
    relative = {p.relative_to(tmp_corpus).as_posix(): p for p in tmp_corpus.rglob("*")}
    for name, path in relative.items():
        if path.is_file() and not name.startswith(".git/"):
            assert str(path) in rows, name
    assert rows[str(tmp_corpus / ".git")]["reason"] == "hidden folder, not searched"
    assert rows[str(tmp_corpus / ".DS_Store")]["reason"] == "hidden file"
    assert rows[str(tmp_corpus / "2024/empty.txt")]["reason"] == "empty file"
    statuses = [row["status"] for row in corpus.rows()]
    assert statuses.count("loaded") + statuses.count("rejected") == len(corpus.report) == 8
    assert sorted(d.doc_id for d in corpus.documents) == [
        "2024/feb/a.txt",
        "2024/feb/b.txt",
        "2024/feed.jsonl#1",
        "2024/feed.jsonl#2",
        "a.txt",
    ]
    assert corpus.summary() == "8 files: 4 loaded (5 documents), 4 rejected"


def test_a_list_of_paths_is_read_once_each(tmp_corpus):
    a_file = tmp_corpus / "a.txt"
    corpus = load_corpus([a_file, tmp_corpus / "2024", a_file, tmp_corpus / "missing"])
    reasons = [(r.path, r.reason) for r in corpus.report if r.status == "rejected"]
    assert (str(a_file), "listed twice") in reasons
    assert (str(tmp_corpus / "missing"), "no such file or folder") in reasons
    assert len({d.doc_id for d in corpus.documents}) == len(corpus.documents)


def test_two_folders_with_the_same_file_names_keep_ids_apart(tmp_path):
    write(tmp_path, "one/a.txt", "هجوم في كركوك")
    write(tmp_path, "two/a.txt", "اشتباك في ديالى")
    corpus = load_corpus([tmp_path / "one", tmp_path / "two"])
    assert [d.doc_id for d in corpus.documents] == ["a.txt", str(tmp_path / "two/a.txt")]
    assert corpus.report[1].problems == (f"id 'a.txt' already used, called '{tmp_path}/two/a.txt'",)


def test_an_upload_reads_like_a_file(tmp_path):
    data = SEED_000.encode("utf-16")
    docs, report = load_bytes("uploads/000.txt", data)
    assert (docs[0].doc_id, docs[0].text, report.status) == ("000.txt", SEED_000, "loaded")
    _, refused = load_bytes("scan.png", b"\x89PNG")
    assert refused.reason.startswith("unknown suffix '.png'")


def test_nothing_crashes_a_load(tmp_path, monkeypatch):
    def broken(text, limits):
        raise RuntimeError("parser bug")

    monkeypatch.setitem(READERS, ".txt", broken)
    write(tmp_path, "a.txt", "نص")
    corpus = load_corpus(tmp_path)
    assert corpus.report[0].reason == "unexpected error: RuntimeError: parser bug"


def test_the_report_is_plain_data():
    corpus = Corpus(report=[FileReport("a.jsonl", "loaded", 2, problems=("line 3: no text",))])
    assert corpus.rows() == [
        {
            "path": "a.jsonl",
            "status": "loaded",
            "documents": 2,
            "reason": "",
            "encoding": None,
            "problems": "line 3: no text",
        }
    ]


# --- the seeds ---------------------------------------------------------------------------


def test_seed_texts_are_the_files_as_written(seed_docs):
    assert len(seed_docs) == 5
    for doc_id, doc in seed_docs.items():
        assert doc.text == (SEEDS / doc_id).read_bytes().decode("utf-8")
        assert doc.published is None  # a txt file has no metadata; dates are in the text
    assert seed_docs["000_243431c79fe640ef.txt"].text.startswith(" date 2025-09-24")


def test_a_metadata_date_of_an_impossible_year_is_left_empty_and_noted():
    (doc,), report = load_bytes("feed.jsonl", b'{"text": "x", "date": "1 Jan 9999999999 0:0"}')
    assert doc.published is None
    assert report.problems == ("line 1: date '1 Jan 9999999999 0:0' not understood, left empty",)
