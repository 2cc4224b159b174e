"""A corpus of hostile and broken files, written here, through the loaders the command
line and the dashboard use: every file is reported as loaded or rejected with its
reason, nothing crashes, and what is loaded makes tables that can be written and shown.
"""

from __future__ import annotations

import json
import os
import random
import string

import pyarrow as pa
import pytest

from gazetteer.corpus import ingest, ingest_bytes
from gazetteer.documents import load_corpus
from gazetteer.limits import Limits

PLACE = "اشتباك مسلح قرب كركوك صباح اليوم"  # names Kirkuk
MARKUP = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
LIMITS = Limits(file_bytes=3_000_000, text_chars=200_000)


def nested_html(depth: int) -> str:
    return ("<html><head><title>" + MARKUP + "</title></head><body>" + "<div>" * depth
            + f"<p>{PLACE}. {MARKUP}</p>" * 5 + "</div>" * depth + "</body></html>")


# name -> (bytes, expected status, start of the expected reason or of the first problem)
HOSTILE: dict[str | bytes, tuple[bytes, str, str]] = {
    "markup.html": (nested_html(3).encode(), "loaded", ""),
    "deep.html": (nested_html(5_000).encode(), "loaded", "the article could not be told"),
    "malformed.html": (f"<html><body><p>{PLACE}<div><p><b>{PLACE}<table><td>".encode()
                       + b"<!-- unclosed comment", "loaded", ""),
    "no-text.html": (b"<html><script>var x = 1;</script></html>", "rejected",
                     "no article text found"),
    "huge-line.txt": (((PLACE + " ") * 40_000).encode(), "loaded", "text cut to its first"),
    "too-big.txt": (b"a " * 1_600_000, "rejected", "over the size limit: 3.2 MB"),
    "ragged.csv": (('text,title\n"' + PLACE + '\nسطر ثان",عنوان,زائد,زائد\n' + PLACE + "\n"
                   + ',بلا نص\n"' + PLACE + ' غير مغلق').encode(), "loaded",
                   "line 5: no text"),
    "bad.jsonl": ("\n".join([
        json.dumps({"text": PLACE, "title": MARKUP, "url": "javascript:alert(3)"}),
        '{"text": "unterminated',
        "[1, 2, 3]",
        '{"text": 5}',
        '{"text": "\\ud800 ' + PLACE + '", "title": "\\udfff"}',
        '{"text": "\\u0000\\u202e' + PLACE + '"}',
        "",
        json.dumps({"content": PLACE, "id": "x" * 5_000}),
    ]).encode(), "loaded", "line 2: not valid JSON"),
    "no-records.jsonl": (b'{"title": "x"}\n{"title": "y"}\n', "rejected", "no text field"),
    "random.txt": (random.Random(7).randbytes(5_000), "rejected", "binary file"),
    "utf16-no-bom.txt": (PLACE.encode("utf-16-le"), "loaded", ""),
    "cp1256.txt": (PLACE.encode("cp1256"), "loaded", ""),
    "latin1.txt": ("Déjà vu à Besançon, où l'été".encode("latin-1"), "rejected",
                   "undecodable"),
    "bad-bom.txt": (b"\xff\xfe\x00\xd8", "rejected", "undecodable: starts with a utf-16-le"),
    "empty.txt": (b"", "rejected", "empty file"),
    "spaces.txt": (b" \n\t\r\n", "rejected", "empty file (only white space)"),
    "bidi\u202etxt.exe.txt": (PLACE.encode(), "loaded", ""),
    "a\n<img src=x onerror=alert(4)>.txt": (PLACE.encode(), "loaded", ""),
    b"not-utf8-\xff\xfe.txt": (PLACE.encode(), "loaded", ""),
    "scan.pdf": (b"%PDF-1.7", "rejected", "unknown suffix '.pdf'"),
    "no-suffix": (PLACE.encode(), "rejected", "unknown suffix '(none)'"),
    ".hidden.txt": (PLACE.encode(), "rejected", "hidden file"),
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The hostile files, plus a hidden folder, a link loop, a dangling link and a pipe."""
    folder = tmp_path_factory.mktemp("hostile")
    for name, (data, _, _) in HOSTILE.items():
        path = os.path.join(os.fsencode(folder), os.fsencode(name))
        with open(path, "wb") as f:
            f.write(data)
    (folder / ".git").mkdir()
    (folder / ".git" / "HEAD.txt").write_text(PLACE, encoding="utf-8")
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "dangling.txt").symlink_to(folder / "missing.txt")
    os.mkfifo(folder / "pipe.txt")  # reading it would wait for ever
    return folder


OTHER = {".git": "hidden folder, not searched", "loop": "link to a folder, not followed",
         "dangling.txt": "not a regular file", "pipe.txt": "not a regular file"}


def expected(name: str | bytes) -> tuple[str, str]:
    return (HOSTILE[name][1], HOSTILE[name][2]) if name in HOSTILE else ("rejected", OTHER[name])


def test_every_hostile_file_is_reported_with_its_reason(hostile):
    corpus = load_corpus(hostile, LIMITS)
    present = sorted(os.listdir(os.fsencode(hostile)))
    assert len(corpus.report) == len(present) == len(HOSTILE) + len(OTHER)
    for name, report in zip(present, corpus.report, strict=True):
        key = name if name in HOSTILE else os.fsdecode(name)
        status, start = expected(key)
        said = report.reason if status == "rejected" else (report.problems or ("",))[0]
        assert (report.status, said[:len(start)]) == (status, start), name
    assert corpus.summary() == "26 files: 11 loaded (16 documents), 15 rejected"


def test_reports_and_documents_hold_only_text_that_can_be_written_and_shown(hostile):
    """A file name or a JSON string may hold what UTF-8 cannot encode (lone surrogates):
    parquet and the page need valid text, so it arrives replaced, never raising."""
    result = ingest(hostile, limits=LIMITS)
    for frame in (result.mentions, result.documents, result.report_frame()):
        pa.Table.from_pandas(frame)  # raises on text UTF-8 cannot encode
    bad = result.documents.query("path.str.endswith('bad.jsonl')")
    assert len(bad) == 4
    assert "\ufffd " + PLACE in set(bad["text"])
    names = " ".join(r.path for r in result.report)
    assert "not-utf8-\ufffd\ufffd.txt" in names and "\ufffd" not in names.replace(
        "not-utf8-\ufffd\ufffd.txt", "")


def test_every_mention_of_the_hostile_corpus_points_into_its_text(hostile):
    result = ingest(hostile, limits=LIMITS)
    text = result.documents.set_index("doc_id")["text"]
    assert len(result.mentions) > 100
    for row in result.mentions.itertuples():
        body = text[row.doc_id]
        assert 0 <= row.start < row.end <= len(body)
        assert body[row.start:row.end] == row.surface
        assert body[row.excerpt_start:row.excerpt_start + len(row.excerpt)] == row.excerpt
    assert (result.documents["text"].str.len() <= LIMITS.text_chars).all()


def test_uploads_of_the_hostile_files_get_the_same_report(hostile):
    uploads = [(os.fsdecode(name) if isinstance(name, bytes) else name, data)
               for name, (data, _, _) in HOSTILE.items()]
    result = ingest_bytes(uploads, limits=LIMITS)
    by_name = {r.path: r for r in result.report}
    folder = {os.path.basename(r.path): r for r in load_corpus(hostile, LIMITS).report}
    for name, report in by_name.items():
        if name.startswith("."):  # an uploaded file is read whatever its name
            assert report.status == "loaded"
            continue
        assert (report.status, report.reason, report.problems) == (
            folder[name].status, folder[name].reason, folder[name].problems)


@pytest.mark.parametrize("seed", range(20))
def test_for_any_folder_loaded_and_rejected_account_for_every_file(tmp_path, seed):
    """Random trees of files (any suffix, hidden or not, in subfolders, empty or not):
    every file present is reported itself or lies in a folder reported as not searched."""
    rng = random.Random(seed)
    suffixes = [".txt", ".html", ".jsonl", ".csv", ".pdf", "", ".TXT", ".tar.gz"]
    present = []
    for _ in range(rng.randint(0, 25)):
        parts = [rng.choice(["", "."]) + "".join(rng.choices(string.ascii_letters + "ـبن", k=4))
                 for _ in range(rng.randint(1, 3))]
        path = tmp_path.joinpath(*parts[:-1], parts[-1] + rng.choice(suffixes))
        if path.exists() or any(p.is_file() for p in path.parents):
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(rng.choice([b"", PLACE.encode(), rng.randbytes(50), b"{}"]))
        present.append(path)
    corpus = load_corpus(tmp_path)
    reported = {r.path for r in corpus.report}
    statuses = {r.status for r in corpus.report}
    assert statuses <= {"loaded", "rejected"}
    assert all(r.reason for r in corpus.report if r.status == "rejected")
    for path in present:
        covered = str(path) in reported or any(str(p) in reported for p in path.parents)
        assert covered, path
    assert len(corpus.report) == len(reported)  # one line per file or folder
