"""Ingesting a corpus: the tables in memory, the dataset written on Dask, the command, and
the incremental runs (the dataset always equals a fresh ingest of the folder)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import psutil
import pytest

from gazetteer.cli import main
from gazetteer.corpus import ingest, ingest_bytes
from gazetteer.dataset import Dataset
from gazetteer.documents import load_corpus
from gazetteer.limits import Limits
from gazetteer.pipeline import Extractor
from gazetteer.tables import TABLES, frame, rows

SEEDS = Path(__file__).parent.parent / "seeds"
ADDED_SENTENCE = "\nوفي سياق متصل، قصفت طائرات الجيش مواقع في جبال حمرين.\n"
FEED = '{"id": "n1", "text": "قصف في حمرين"}\n{"id": "n2", "text": "هجوم في كركوك"}\n'


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


def tables_of(paths, extractor):
    """The reference: load_corpus, then every document through the extractor."""
    extracted = rows(extractor.extract(doc) for doc in load_corpus(paths).documents)
    return {name: frame(name, records) for name, records in extracted.items()}


def ordered(table: pd.DataFrame) -> pd.DataFrame:
    """A table in a fixed order (a dataset's parts come in any order)."""
    keys = ["doc_id", "start", "end"] if "start" in table else ["doc_id"]
    return table.sort_values(keys, ignore_index=True)


def assert_same_tables(result, tables):
    for name in TABLES:
        pd.testing.assert_frame_equal(ordered(result.table(name)), ordered(tables[name]))


def into(paths, out: Path, **options):
    """The dataset ``out`` of ``paths``, on a local cluster of one worker by default."""
    return ingest(paths, out, **{"workers": 1, **options})


# --- the tables -----------------------------------------------------------------------


def test_ingest_in_memory_gives_the_tables_of_load_corpus_and_the_extractor(corpus, extractor):
    result = ingest(corpus)
    assert list(result.mentions.columns) == TABLES["mentions"]
    assert list(result.documents.columns) == TABLES["documents"]
    assert len(result.documents) == 5 and len(result.mentions) > 50
    reference = tables_of(corpus, extractor)
    for name in TABLES:  # in the order of the walk, row for row
        pd.testing.assert_frame_equal(result.table(name), reference[name])


def test_the_dataset_holds_the_tables_of_an_ingest_in_memory(corpus, tmp_path):
    in_memory = ingest(corpus)
    written = into(corpus, tmp_path / "out", workers=2)
    assert written.tables is None and written.dataset.folder == tmp_path / "out"
    assert_same_tables(written, in_memory.tables)
    assert written.report == in_memory.report
    assert Dataset(tmp_path / "out").report().equals(in_memory.report_frame())


def test_the_words_filter_reads_a_folded_excerpt_stored_with_each_mention(corpus):
    from gazetteer.normalize import fold

    mentions = ingest(corpus).mentions
    assert mentions["folded"].tolist() == [fold(e) for e in mentions["excerpt"]]


@pytest.mark.parametrize("where", ["memory", "dataset"])
def test_every_file_is_accounted_for_as_load_corpus_reports_it(where, corpus, tmp_path):
    (corpus / "2024").mkdir()
    (corpus / "2024/feed.jsonl").write_text('{"text": "قصف في حمرين"}\nnot json\n')
    (corpus / "2024/empty.txt").write_bytes(b"")
    given = [corpus, corpus / "2024/feed.jsonl", corpus / "missing"]
    expected = load_corpus(given)
    result = ingest(given) if where == "memory" else into(given, tmp_path / "out")
    assert result.report == expected.report
    assert result.summary == expected.summary()
    reasons = {Path(r.path).name: r.reason for r in result.report if r.status == "rejected"}
    assert reasons["notes.docx"].startswith("unknown suffix '.docx'")
    assert reasons[".~lock.notes.docx#"] == "hidden file"
    assert reasons["feed.jsonl"] == "listed twice"
    assert reasons["missing"] == "no such file or folder"
    assert reasons["empty.txt"] == "empty file"


def test_uploads_are_tabulated_like_files_in_memory_with_no_process_and_no_file(
        corpus, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    before, processes = set(tmp_path.rglob("*")), psutil.Process().children(recursive=True)
    files = [(p.name, p.read_bytes()) for p in sorted(corpus.glob("*.txt"))]
    uploaded = ingest_bytes(files)
    assert psutil.Process().children(recursive=True) == processes
    assert set(tmp_path.rglob("*")) == before
    assert uploaded.extracted == 5
    pd.testing.assert_frame_equal(uploaded.mentions, ingest(corpus).mentions)


def test_progress_is_drawn_on_stderr_or_given_to_a_function(corpus, tmp_path, capsys):
    ingest(corpus, progress=True)
    assert "extracting" in capsys.readouterr().err
    seen = []
    into(corpus, tmp_path / "out", progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1] == (6, 6)  # the files the walk did not turn away
    assert seen[0] == (0, 6)  # told before the first file (the gazetteer loads first)
    seen.clear()
    ingest(corpus, progress=lambda done, total: seen.append((done, total)))
    assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1] == seen[0][1]


# --- the command ------------------------------------------------------------------------


def test_the_command_writes_the_dataset_the_library_returns(corpus, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["ingest", str(corpus), "-o", str(out), "-j", "1"]) == 1  # the .docx: in part
    dataset = Dataset(out)
    assert sorted(p.name for p in out.iterdir()) == [
        "dataset.json", "documents", "events", "files.parquet", "incidents.parquet",
        "mentions", "report.parquet"]
    assert_same_tables(ingest(corpus, out), ingest(corpus).tables)
    assert dataset.report()["status"].tolist().count("loaded") == 5
    captured = capsys.readouterr()
    assert f"rejected {corpus / 'notes.docx'}: unknown suffix '.docx'" in captured.err
    assert "7 files: 5 loaded (5 documents), 2 rejected" in captured.err
    assert not [line for line in captured.err.splitlines() if line.startswith("loaded ")]
    assert f"5 documents tabulated in {out}" in captured.err and captured.out == ""


def test_the_command_lists_loaded_files_when_verbose(corpus, tmp_path, capsys):
    assert main(["ingest", str(corpus), "-o", str(tmp_path / "out"), "-v", "-j", "1"]) == 1
    err = capsys.readouterr().err
    assert f"loaded {corpus / '000_243431c79fe640ef.txt'}: 1 document, utf-8" in err


def test_the_command_fails_when_no_document_is_loaded(tmp_path, capsys):
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    assert main(["ingest", str(tmp_path), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "unknown suffix '.pdf'" in err
    assert "no documents to tabulate" in err


@pytest.mark.parametrize("option", ["--output", "--scheduler", "--workers", "-v",
                                    "DASK_SCHEDULER_ADDRESS"])
def test_the_command_documents_its_options(option, capsys):
    with pytest.raises(SystemExit):
        main(["ingest", "--help"])
    assert option in capsys.readouterr().out


# --- incremental runs -------------------------------------------------------------------


def test_a_second_run_extracts_nothing_and_rewrites_no_part(corpus, tmp_path):
    out = tmp_path / "out"
    first = into(corpus, out)
    assert first.extracted == 5
    parts = {p: p.stat().st_mtime_ns for p in out.rglob("*/*.parquet")}
    again = into(corpus, out)
    assert again.extracted == 0 and again.report == first.report
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*/*.parquet")} == parts
    assert_same_tables(again, ingest(corpus).tables)


def test_the_dataset_follows_the_folder_as_a_fresh_ingest_would(corpus, tmp_path):
    out = tmp_path / "out"
    into(corpus, out)
    changed = corpus / "002_ae074324c6d5186d.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + ADDED_SENTENCE, encoding="utf-8")
    (corpus / "003_2df6efa4515e8f36.txt").unlink()
    (corpus / "new.txt").write_text("هجوم في وادي الشاي", encoding="utf-8")
    touched = corpus / "000_243431c79fe640ef.txt"
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))
    result = into(corpus, out, workers=2)
    assert result.extracted == 2  # changed and new; the touched file's bytes are the same
    fresh = into(corpus, tmp_path / "fresh")
    assert_same_tables(result, {name: fresh.table(name) for name in TABLES})
    assert result.report == fresh.report == load_corpus(corpus).report
    mentions = result.mentions
    assert "003_2df6efa4515e8f36.txt" not in set(mentions["doc_id"])
    assert mentions.query("doc_id == @changed.name").surface.str.contains("حمرين").any()
    assert set(mentions.query("doc_id == 'new.txt'").name_en) == {"Wadi al-Shay"}


def test_ids_an_earlier_file_took_follow_it_as_it_comes_and_goes(tmp_path):
    folder, out = tmp_path / "feeds", tmp_path / "out"
    folder.mkdir()
    (folder / "b.jsonl").write_text(FEED.replace("n1", "n3"))
    into(folder, out)
    assert sorted(Dataset(out).table("documents").doc_id) == ["n2", "n3"]
    (folder / "a.jsonl").write_text(FEED)  # before b.jsonl: it takes n2
    result = into(folder, out)
    expected = load_corpus(folder)
    assert result.extracted == 1 and result.report == expected.report
    assert sorted(result.documents.doc_id) == sorted(d.doc_id for d in expected.documents) == [
        "b.jsonl#2", "n1", "n2", "n3"]
    assert set(result.mentions.doc_id) <= set(result.documents.doc_id)
    (folder / "a.jsonl").unlink()
    result = into(folder, out)
    assert result.extracted == 0 and sorted(result.documents.doc_id) == ["n2", "n3"]
    assert result.report == load_corpus(folder).report


def test_copies_keep_their_ids_apart(tmp_path, extractor):
    seed = (SEEDS / "000_243431c79fe640ef.txt").read_bytes()
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_bytes(seed)
    given = [tmp_path / "one", tmp_path / "two"]
    result = into(given, tmp_path / "out")
    assert sorted(result.documents.doc_id) == sorted(["a.txt", str(tmp_path / "two/a.txt")])
    assert_same_tables(result, tables_of(given, extractor))


def test_another_version_of_the_code_or_data_rebuilds_the_dataset(corpus, tmp_path):
    out = tmp_path / "out"
    into(corpus, out)
    info = json.loads((out / "dataset.json").read_text())
    (out / "dataset.json").write_text(json.dumps(info | {"version": "0" * 64}))
    assert into(corpus, out).extracted == 5
    assert into(corpus, out, limits=Limits(text_chars=500)).extracted == 5  # other tables


def test_what_an_interrupted_run_left_is_removed(corpus, tmp_path):
    out = tmp_path / "out"
    into(corpus, out)
    parts = sorted(p.name for p in (out / "mentions").glob("*.parquet"))
    part = out / "mentions" / parts[0]
    part.with_stem("orphan").write_bytes(part.read_bytes())  # written, never recorded
    (out / "mentions" / "tmp123.part").write_bytes(b"half")
    result = into(corpus, out)
    assert sorted(p.name for p in (out / "mentions").iterdir()) == parts
    assert_same_tables(result, ingest(corpus).tables)


def test_a_folder_that_is_not_a_dataset_is_left_alone(corpus, tmp_path, capsys):
    home = tmp_path / "home"
    (home / "documents").mkdir(parents=True)
    (home / "documents" / "thesis.txt").write_text("mine")
    assert main(["ingest", str(corpus), "-o", str(home)]) == 2
    assert "holds other files and no dataset.json" in capsys.readouterr().err
    assert (home / "documents" / "thesis.txt").read_text() == "mine"


def test_what_stays_on_disk_is_parquet_and_json(corpus, tmp_path):
    into(corpus, tmp_path / "out")
    suffixes = {p.suffix for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert suffixes == {".parquet", ".json"}
