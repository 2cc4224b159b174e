"""Ingesting a corpus: the two tables, the command, the cache, and the worker processes."""

from __future__ import annotations

import pickle
from pathlib import Path

import pandas as pd
import pytest

from gazetteer import corpus as ingest_module
from gazetteer.cache import version
from gazetteer.cli import main
from gazetteer.corpus import documents_path, ingest, ingest_bytes
from gazetteer.documents import load_corpus
from gazetteer.pipeline import Extractor
from gazetteer.tables import (
    DOCUMENT_COLUMNS,
    MENTION_COLUMNS,
    document_row,
    documents_frame,
    mention_rows,
    mentions_frame,
)

SEEDS = Path(__file__).parent.parent / "seeds"
ADDED_SENTENCE = "\nوفي سياق متصل، قصفت طائرات الجيش مواقع في جبال حمرين.\n"


@pytest.fixture(scope="session")
def extractor():
    return Extractor()


@pytest.fixture
def corpus(tmp_path):
    """A copy of the seeds (writable) with a file that cannot be read and a hidden one."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    (folder / ".~lock.notes.docx#").write_bytes(b"lock")
    return folder


@pytest.fixture
def cache_dir(tmp_path):
    return tmp_path / "cache"


def tables_of(paths, extractor):
    """The reference: load_corpus, then every document through the extractor."""
    extractions = [extractor.extract(doc) for doc in load_corpus(paths).documents]
    return (
        mentions_frame(row for x in extractions for row in mention_rows(x)),
        documents_frame(document_row(x) for x in extractions),
    )


def assert_same_tables(result, tables):
    pd.testing.assert_frame_equal(result.mentions, tables[0])
    pd.testing.assert_frame_equal(result.documents, tables[1])


def entries(cache_dir):
    return sorted(cache_dir.glob("*.pickle"))


# --- the tables -----------------------------------------------------------------------


def test_ingest_gives_the_tables_of_load_corpus_and_the_extractor(corpus, cache_dir, extractor):
    result = ingest(corpus, cache_dir=cache_dir)
    assert list(result.mentions.columns) == MENTION_COLUMNS
    assert list(result.documents.columns) == DOCUMENT_COLUMNS
    assert len(result.documents) == 5 and len(result.mentions) > 50
    assert_same_tables(result, tables_of(corpus, extractor))


def test_every_file_is_accounted_for_as_load_corpus_reports_it(corpus, cache_dir):
    (corpus / "2024").mkdir()
    (corpus / "2024/feed.jsonl").write_text('{"text": "قصف في حمرين"}\nnot json\n')
    (corpus / "2024/empty.txt").write_bytes(b"")
    given = [corpus, corpus / "2024/feed.jsonl", corpus / "missing"]
    expected = load_corpus(given)
    for _ in ("extracted", "cached"):
        result = ingest(given, cache_dir=cache_dir)
        assert result.report == expected.report
        assert result.summary == expected.summary()
    reasons = {Path(r.path).name: r.reason for r in result.report if r.status == "rejected"}
    assert reasons["notes.docx"].startswith("unknown suffix '.docx'")
    assert reasons[".~lock.notes.docx#"] == "hidden file"
    assert reasons["feed.jsonl"] == "listed twice"
    assert reasons["missing"] == "no such file or folder"


def test_two_workers_give_the_same_tables_as_one_and_fill_the_cache(corpus, cache_dir):
    one = ingest(corpus, use_cache=False, workers=1)
    two = ingest(corpus, cache_dir=cache_dir, workers=2)
    assert_same_tables(two, (one.mentions, one.documents))
    assert two.report == one.report
    assert len(entries(cache_dir)) == 5
    assert ingest(corpus, cache_dir=cache_dir).extracted_documents == 0


def test_progress_is_drawn_on_stderr_when_asked(corpus, capsys):
    ingest(corpus, use_cache=False, progress=True)
    assert "extracting" in capsys.readouterr().err


def test_uploads_are_tabulated_like_files_and_cached(corpus, cache_dir):
    files = [(p.name, p.read_bytes()) for p in sorted(corpus.glob("*.txt"))]
    first = ingest_bytes(files, cache_dir=cache_dir)
    again = ingest_bytes(files, cache_dir=cache_dir)
    assert (again.cached_files, again.extracted_documents) == (5, 0)
    assert_same_tables(again, (first.mentions, first.documents))
    from_folder = ingest(corpus, use_cache=False)
    pd.testing.assert_frame_equal(first.mentions, from_folder.mentions)


# --- the command ------------------------------------------------------------------------


def test_the_command_writes_both_tables_as_the_library_returns_them(
    corpus, cache_dir, tmp_path, capsys
):
    out = tmp_path / "out" / "mentions.parquet"
    assert main(["ingest", str(corpus), "-o", str(out), "--cache", str(cache_dir)]) == 1
    assert documents_path(out) == tmp_path / "out" / "mentions.documents.parquet"
    mentions, documents = pd.read_parquet(out), pd.read_parquet(documents_path(out))
    assert list(mentions.columns) == MENTION_COLUMNS
    assert list(documents.columns) == DOCUMENT_COLUMNS
    result = ingest(corpus, cache_dir=cache_dir)
    assert_same_tables(result, (mentions, documents))
    captured = capsys.readouterr()
    assert f"rejected {corpus / 'notes.docx'}: unknown suffix '.docx'" in captured.err
    assert "7 files: 5 loaded (5 documents), 2 rejected" in captured.err
    assert not [line for line in captured.err.splitlines() if line.startswith("loaded ")]
    assert f"{len(mentions)} mentions written to {out}" in captured.err
    assert captured.out == ""


def test_the_command_lists_loaded_files_when_verbose(corpus, tmp_path, capsys):
    out = tmp_path / "m.parquet"
    assert main(["ingest", str(corpus), "-o", str(out), "--no-cache", "-v", "-j", "1"]) == 1
    err = capsys.readouterr().err
    assert f"loaded {corpus / '000_243431c79fe640ef.txt'}: 1 document, utf-8" in err


def test_the_command_fails_when_no_document_is_loaded(tmp_path, capsys):
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    out = tmp_path / "m.parquet"
    assert main(["ingest", str(tmp_path), "-o", str(out), "--no-cache"]) == 1
    err = capsys.readouterr().err
    assert "unknown suffix '.pdf'" in err
    assert "no documents to tabulate" in err
    assert not out.exists()


@pytest.mark.parametrize("option", ["--output", "--cache", "--no-cache", "--workers", "-v"])
def test_the_command_documents_its_options(option, capsys):
    with pytest.raises(SystemExit):
        main(["ingest", "--help"])
    help_text = capsys.readouterr().out
    assert option in help_text
    assert "mentions.documents.parquet" in help_text


# --- the cache --------------------------------------------------------------------------


def test_a_second_run_is_served_from_the_cache_without_building_the_gazetteer(
    corpus, cache_dir
):
    first = ingest(corpus, cache_dir=cache_dir)
    assert (first.cached_files, first.extracted_documents) == (0, 5)
    assert len(entries(cache_dir)) == 5  # the docx is refused unread, so never cached
    ingest_module._extractor.cache_clear()
    again = ingest(corpus, cache_dir=cache_dir)
    assert ingest_module._extractor.cache_info().misses == 0  # no Extractor was built
    assert (again.cached_files, again.extracted_documents) == (5, 0)
    assert_same_tables(again, (first.mentions, first.documents))
    assert again.report == first.report


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: b"\x80\x05not a pickle", id="garbage"),
        pytest.param(lambda data: pickle.dumps(("0" * 64, None)), id="other-version"),
    ],
)
def test_a_damaged_cache_entry_is_rebuilt(damage, corpus, cache_dir, extractor):
    ingest(corpus, cache_dir=cache_dir)
    entry = entries(cache_dir)[0]
    entry.write_bytes(damage(entry.read_bytes()))
    result = ingest(corpus, cache_dir=cache_dir)
    assert (result.cached_files, result.extracted_documents) == (4, 1)
    assert_same_tables(result, tables_of(corpus, extractor))
    assert ingest(corpus, cache_dir=cache_dir).extracted_documents == 0  # rewritten whole


def test_a_changed_file_is_extracted_again(corpus, cache_dir, extractor):
    ingest(corpus, cache_dir=cache_dir)
    changed = corpus / "002_ae074324c6d5186d.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + ADDED_SENTENCE, encoding="utf-8")
    result = ingest(corpus, cache_dir=cache_dir)
    assert (result.cached_files, result.extracted_documents) == (4, 1)
    assert_same_tables(result, tables_of(corpus, extractor))
    surfaces = result.mentions.query("doc_id == @changed.name").surface
    assert surfaces.str.contains("حمرين").any()


def test_a_renamed_file_is_named_anew_without_being_extracted(corpus, cache_dir, extractor):
    ingest(corpus, cache_dir=cache_dir)
    (corpus / "000_243431c79fe640ef.txt").rename(corpus / "renamed.txt")
    result = ingest(corpus, cache_dir=cache_dir)
    assert result.extracted_documents == 0
    assert "renamed.txt" in set(result.mentions.doc_id)
    assert_same_tables(result, tables_of(corpus, extractor))


def test_copies_are_extracted_once_and_keep_their_ids_apart(tmp_path, cache_dir, extractor):
    seed = (SEEDS / "000_243431c79fe640ef.txt").read_bytes()
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_bytes(seed)
    given = [tmp_path / "one", tmp_path / "two"]
    result = ingest(given, cache_dir=cache_dir)
    assert result.extracted_documents == 1
    assert list(result.documents.doc_id) == ["a.txt", str(tmp_path / "two/a.txt")]
    assert result.report == load_corpus(given).report
    assert_same_tables(result, tables_of(given, extractor))


def test_record_ids_an_earlier_file_took_are_renamed_as_load_corpus_does(tmp_path, cache_dir):
    feed = '{"id": "n1", "text": "قصف في حمرين"}\n{"id": "n2", "text": "هجوم في كركوك"}\n'
    folder = tmp_path / "feeds"
    folder.mkdir()
    (folder / "a.jsonl").write_text(feed)
    (folder / "b.jsonl").write_text(feed.replace("n1", "n3"))
    expected = load_corpus(folder)
    for _ in ("extracted", "cached"):
        result = ingest(folder, cache_dir=cache_dir)
        assert list(result.documents.doc_id) == [d.doc_id for d in expected.documents]
        assert result.report == expected.report
    assert list(result.documents.doc_id) == ["n1", "n2", "n3", "b.jsonl#2"]
    assert set(result.mentions.doc_id) <= set(result.documents.doc_id)


def test_a_cache_that_cannot_be_written_does_not_stop_an_ingest(corpus, tmp_path, caplog):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    result = ingest(corpus, cache_dir=not_a_folder)
    assert len(result.documents) == 5
    assert [r.message for r in caplog.records if "cannot be written" in r.message]


def test_a_cache_entry_that_is_a_folder_or_a_foreign_object_is_not_trusted(
        corpus, cache_dir, extractor):
    ingest(corpus, cache_dir=cache_dir)
    folder_entry, foreign_entry = entries(cache_dir)[:2]
    folder_entry.unlink()
    folder_entry.mkdir()
    foreign_entry.write_bytes(pickle.dumps((version(), {"mentions": ["forged"]})))
    result = ingest(corpus, cache_dir=cache_dir)
    assert (result.cached_files, result.extracted_documents) == (3, 2)
    assert_same_tables(result, tables_of(corpus, extractor))
