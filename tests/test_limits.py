"""Limits a host sets on a load: each one turns files or text away with a report line,
the same through every loader (folders, uploaded bytes, the ingest into a dataset)."""

from __future__ import annotations

import json

import pytest

import gazetteer
from gazetteer.documents import load_bytes, load_corpus
from gazetteer.limits import WORD_SLACK, Limits, cut

ARTICLE = "اشتبكت قوة أمنية مع مسلحين قرب كركوك. "  # names one place, 39 characters


@pytest.fixture
def folder(tmp_path):
    """Three small articles, one of them longer than the others."""
    for name, repeat in (("a.txt", 1), ("b.txt", 1), ("c.txt", 50)):
        (tmp_path / name).write_text(ARTICLE * repeat, encoding="utf-8")
    return tmp_path


def test_a_file_over_the_size_limit_is_rejected_unread(folder):
    limits = Limits(file_bytes=1000)
    corpus = load_corpus(folder, limits)
    assert [r.status for r in corpus.report] == ["loaded", "loaded", "rejected"]
    reason = corpus.report[2].reason
    assert reason == "over the size limit: 0.0 MB, the limit is 0.001 MB"
    assert load_bytes("c.txt", (folder / "c.txt").read_bytes(), limits)[1].reason == reason


def test_files_after_the_first_n_are_rejected_and_named(folder):
    corpus = load_corpus(folder, Limits(files=2))
    assert [(r.path.rsplit("/", 1)[-1], r.status) for r in corpus.report] == [
        ("a.txt", "loaded"), ("b.txt", "loaded"), ("c.txt", "rejected")]
    assert corpus.report[2].reason == "over the limit of 2 files per load"
    assert len(corpus.documents) == 2


def test_rejected_files_do_not_count_towards_the_file_limit(folder):
    (folder / ".hidden.txt").write_text(ARTICLE, encoding="utf-8")
    corpus = load_corpus([folder / "missing.txt", folder], Limits(files=3))
    assert [r.status for r in corpus.report] == ["rejected"] * 2 + ["loaded"] * 3


def test_a_long_document_is_cut_at_a_space_and_the_report_says_so(folder):
    docs, report = load_bytes("c.txt", (folder / "c.txt").read_bytes(), Limits(text_chars=100))
    assert report.status == "loaded"
    (doc,) = docs
    assert len(doc.text) <= 100
    assert ARTICLE.startswith(doc.text) or (ARTICLE * 3).startswith(doc.text)
    assert not doc.text[-1].isspace() and (ARTICLE * 3)[len(doc.text)] == " "
    assert report.problems == (
        f"text cut to its first {len(doc.text)} characters of {len(ARTICLE * 50):,} "
        "(the limit is 100)",)


def test_long_fields_of_a_record_are_cut_and_an_over_long_id_is_not_used():
    record = {"id": "x" * 3000, "title": "عنوان " * 1000, "url": "https://example.com/"
              + "a" * 5000, "source": "وكالة", "text": ARTICLE}
    data = json.dumps(record, ensure_ascii=False).encode()
    (doc,), report = load_bytes("feed.jsonl", data)
    assert doc.doc_id == "feed.jsonl#1"
    assert len(doc.title) <= 2000 and len(doc.url) == 2000 and doc.source == "وكالة"
    assert [p.split(" (")[0] for p in report.problems] == [
        "line 1: id of 3,000 characters not used",
        "line 1: title cut to its first 1,997 characters of 5,999",
        "line 1: url cut to its first 2,000 characters of 5,020"]


def test_cut_never_splits_a_word_near_the_limit_nor_looks_far_back():
    assert cut("abc def", 5) == "abc"
    assert cut("abc def", 7) == "abc def"
    no_space_near = "a " + "b" * (WORD_SLACK + 10)
    assert cut(no_space_near, WORD_SLACK + 5) == no_space_near[:WORD_SLACK + 5]
    assert cut("abcdef", 3) == "abc"


@pytest.mark.parametrize("bad", [0, -1, 2.5, "10"])
def test_a_limit_must_be_a_positive_whole_number(bad):
    with pytest.raises(ValueError, match=f"limit text_chars must be a positive whole number, "
                                         f"not {bad!r}"):
        Limits(text_chars=bad)


def test_the_ingest_applies_the_limits_and_rebuilds_a_dataset_made_under_others(
        folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("dataset")  # outside the folder read
    whole = gazetteer.ingest(folder, out, workers=1)
    in_whole = (whole.mentions["doc_id"] == "c.txt").sum()  # the dataset as it is now
    limited = gazetteer.ingest(folder, out, workers=1, limits=Limits(text_chars=100, files=2))
    again = gazetteer.ingest(folder, out, workers=1, limits=Limits(text_chars=100))
    assert whole.summary == "3 files: 3 loaded (3 documents), 0 rejected"
    assert limited.summary == "3 files: 2 loaded (2 documents), 1 rejected"
    # Other text limits: extracted anew; another number of files changes no file's rows.
    assert (limited.extracted, again.extracted) == (2, 1)
    assert in_whole == 50
    assert (again.mentions["doc_id"] == "c.txt").sum() == 2
    assert again.report[2].problems[0].startswith("text cut to its first")


def test_uploads_over_the_file_limit_are_rejected_in_order(folder):
    files = [(p.name, p.read_bytes()) for p in sorted(folder.iterdir())]
    result = gazetteer.ingest_bytes(files, limits=Limits(files=1))
    assert [(r.path, r.status, r.reason) for r in result.report] == [
        ("a.txt", "loaded", ""),
        ("b.txt", "rejected", "over the limit of 1 file per load"),
        ("c.txt", "rejected", "over the limit of 1 file per load")]


NAMES = "بغداد "  # one mention per six characters


def test_a_documents_mentions_after_its_limit_are_not_kept_and_the_report_says_so():
    result = gazetteer.ingest_bytes([("names.txt", (NAMES * 300).encode())],
                                    limits=Limits(doc_mentions=100))
    assert len(result.mentions) == 100
    assert result.mentions["start"].tolist() == list(range(0, 600, 6))  # the first ones
    assert result.documents["mentions"].tolist() == [100]
    assert result.report[0].problems == (
        "mentions cut to the first 100 of 300 (the limit is 100 per document)",)


def test_a_loads_mentions_after_its_limit_are_not_kept_and_each_file_says_so():
    files = [(f"{n}.txt", (NAMES * 60).encode()) for n in "abc"]
    result = gazetteer.ingest_bytes(files, limits=Limits(mentions=100))
    assert result.mentions.groupby("doc_id").size().to_dict() == {"a.txt": 60, "b.txt": 40}
    assert [r.problems for r in result.report] == [
        (), ("mentions cut to the first 40 of 60: the load's limit of 100 mentions is "
             "reached",),
        ("no mentions kept of 60: the load's limit of 100 mentions is reached",)]
    assert [r.status for r in result.report] == ["loaded"] * 3  # the documents are there


def test_a_records_cut_is_named_by_its_document():
    records = "\n".join(json.dumps({"id": i, "text": NAMES * n}) for i, n in (("a", 2), ("b", 5)))
    result = gazetteer.ingest_bytes([("feed.jsonl", records.encode())],
                                    limits=Limits(doc_mentions=3))
    assert result.report[0].problems == (
        "b: mentions cut to the first 3 of 5 (the limit is 3 per document)",)


def test_a_dataset_takes_no_limit_on_a_loads_mentions(folder, tmp_path_factory):
    with pytest.raises(ValueError, match="holds for loads in memory"):
        gazetteer.ingest(folder, tmp_path_factory.mktemp("dataset"), limits=Limits(mentions=5))


def test_extract_cuts_a_documents_mentions_and_says_so(tmp_path, capsys):
    from gazetteer.cli import main

    (tmp_path / "names.txt").write_text(NAMES * 30, encoding="utf-8")
    assert main(["extract", "--max-mentions", "7", str(tmp_path / "names.txt")]) == 0
    out, err = capsys.readouterr()
    assert len(json.loads(out)["mentions"]) == 7
    assert "names.txt: mentions cut to the first 7 of 30 (the limit is 7 per document)" in err


def test_the_files_of_an_upload_not_started_in_time_are_rejected_saying_so(folder):
    files = [(p.name, p.read_bytes()) for p in sorted(folder.iterdir())]
    late = gazetteer.ingest_bytes(files, seconds=1e-9)
    assert {(r.status, r.reason) for r in late.report} == {
        ("rejected", "not read: the load's time limit of 1e-09 s ran out before it")}
    assert [r.status for r in gazetteer.ingest_bytes(files, seconds=600).report] == [
        "loaded"] * 3
