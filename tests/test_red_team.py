"""The red team's inputs (issue 13) against what the page and the library do with them
now: each bounded or refused. Growth is tested, not time: an input ten times larger
costs about ten times more (or the same, past a limit), never a hundred. The proxy's
inputs (uploads and clear_cache without credentials) are in tests/test_proxy.py; the
cost per input size before and after is printed by benchmarks/red_team.py."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

import gazetteer
from dashboard import data, export, reader, state
from dashboard.filters import Filters
from dashboard.view import View
from gazetteer.documents import load_bytes
from tests.conftest import places
from tests.test_app import APP

ROOT = Path(__file__).parent.parent


def growth(cost, small, large, repeat: int = 2) -> float:
    """How much more ``cost(large)`` takes than ``cost(small)`` (process time, the best
    of ``repeat``), after a first call that warms what is loaded once."""
    cost(small)
    return (min(cost(large) for _ in range(repeat))
            / max(min(cost(small) for _ in range(repeat)), 1e-3))


def timed(work) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def bomb(names: int) -> bytes:
    """The mention bomb: one jsonl record of one name repeated, with a title, url and
    source of 2,000 characters each (copied into every mention row, they made a 1,454
    MB CSV of 166,666 mentions)."""
    return json.dumps({"title": "ع" * 2000, "url": "https://x.iq/" + "a" * 1987,
                       "source": "و" * 2000, "text": "بغداد " * names}).encode()


def test_the_mention_bomb_makes_a_bounded_table_and_a_capped_export():
    limits = gazetteer.Limits(mentions=100_000)
    for names in (20_000, 100_000):
        large = data.from_uploads([("bomb.jsonl", bomb(names))], limits)
        assert large.store.value("SELECT count(*) FROM mentions") == 10_000
        assert large.report["problems"].tolist() == [
            f"mentions cut to the first 10,000 of {names:,} (the limit is 10,000 per document)"]
    # The document's fields are stored once, not in each of the 10,000 rows.
    stored = large.store.frame("DESCRIBE mentions_base")["column_name"].tolist()
    assert not {"title", "url", "source"} & set(stored)
    notes: dict[str, str] = {}
    rows = View(large.store, Filters(span=large.span)).rows_query()
    raw = export.csv_bytes(large.store, *rows, cap=5_000_000, notes=notes)
    assert len(raw) <= 5_000_000 and "rows of 10,000: exports stop at 5 MB" in notes["csv"]


def test_the_enclosing_place_bomb_grows_linearly():
    """Place names, then "قرية X" heads: 2.9 s at 200,000 characters, 86 s at a million
    (each head walked every earlier match)."""
    parser = gazetteer.Geoparser()
    rng = random.Random(5)
    letters = "بتثجحخدذرزسشصضطظعغفقلمنهي"

    def cost(n: int) -> float:
        heads = " ".join("قرية " + "".join(rng.choice(letters) for _ in range(6))
                         for _ in range(n))
        return timed(lambda: parser.parse("في كركوك " * n + heads))

    assert growth(cost, 1_000, 10_000) < 30  # quadratic: ~100


def test_the_attribute_bomb_is_cut_before_the_parsers():
    """80,000 attributes in one tag (0.7 MB) took 104 s in lxml and trafilatura."""
    def page(n: int) -> bytes:
        return ("<html><body><p>اشتباك قرب كركوك</p><p " + " ".join(
            f'a{i}="x"' for i in range(n)) + "></p></body></html>").encode()

    (doc,), report = load_bytes("bomb.html", page(80_000))
    assert "كركوك" in doc.text
    assert "before a tag of more than 256 attributes" in report.problems[0]
    assert growth(lambda n: timed(lambda: load_bytes("bomb.html", page(n))),
                  8_000, 80_000) < 30  # decoded, not parsed: was minutes against a second


def test_the_words_bomb_costs_what_ten_words_cost(seed_corpus):
    """50,000 one-letter words in a rerun took 7 s on the seeds: a pass over the excerpts
    each. The words searched are capped, so the page's queries stop growing with them."""
    letters = [chr(c) for c in range(0x0628, 0x064A)]

    def cost(n: int) -> float:
        words = " ".join((letters * n)[:n])  # typed by the visitor: not the page's cost
        return timed(lambda: places(seed_corpus, words=words))

    # A rerun now costs milliseconds: the best of five, so that a stray pause is no growth.
    assert growth(cost, 10, 50_000, repeat=5) < 3


PLANTED = """
import os, pickle, sys
class Run:
    def __reduce__(self):
        return (os.system, (f"touch {sys.argv[2]}",))
with open(sys.argv[1], "wb") as f:
    pickle.dump(Run(), f)
"""


def test_a_planted_pickle_runs_nothing(tmp_path, monkeypatch):
    """The old ingest cache unpickled its entries (in the user's cache folder) before
    checking them: a planted entry ran code. Nothing reads a pickle from disk now: an
    entry where the cache put them, and pickles in a dataset's folders, stay unread."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.setenv("HOME", str(tmp_path))
    article = "اشتباك قرب كركوك".encode()
    marker = tmp_path / "ran"
    folder = cache / "iraq-security-map" / "extractions"
    folder.mkdir(parents=True)
    plants = [folder / f"{name}.pickle" for name in ("a", "k")]
    dataset = tmp_path / "dataset"
    gazetteer.ingest([_written(tmp_path / "k.txt", article)], dataset, workers=1)
    plants += [dataset / "mentions" / "x.pickle", dataset / "files.pkl"]
    for plant in plants:
        subprocess.run([sys.executable, "-c", PLANTED, str(plant), str(marker)], check=True)
    data.from_uploads([("k.txt", article)])
    gazetteer.ingest(tmp_path / "k.txt")
    gazetteer.ingest([tmp_path / "k.txt"], dataset, workers=1)
    data.from_dataset(dataset)
    assert not marker.exists()
    assert not (dataset / "mentions" / "x.pickle").exists()  # swept as a stray file
    assert plants[0].exists()  # and the old cache's folder, never read, left alone


def _written(path: Path, data_: bytes) -> Path:
    path.write_bytes(data_)
    return path


def test_no_module_reads_pickles_from_disk():
    """Pickles pass only between the server and its reader processes, through pipes."""
    for module in [*ROOT.glob("gazetteer/**/*.py"), *ROOT.glob("dashboard/*.py")]:
        text = module.read_text(encoding="utf-8")
        assert "pickle.load(" not in text and "shelve" not in text, module
        assert "import pickle" not in text or module.name == "reader.py", module


def files_under(*folders: Path) -> set[Path]:
    return {p for folder in folders if folder.exists() for p in folder.rglob("*")}


def test_the_same_upload_by_two_sessions_costs_the_same_and_leaves_nothing_on_disk(
        tmp_path, monkeypatch):
    """The cache oracle: the same bytes came back from a cache in 1.1 s instead of 12.2 s,
    telling the second visitor someone had uploaded them; and every upload left a pickle
    of its text and name on the server's disk. Now each session reads its upload anew,
    in the server's readers, and nothing is written: not in the user's cache or home, not
    in the temporary folder, not in the working folder."""
    home, temp, work = (tmp_path / name for name in ("home", "temp", "work"))
    for folder in (home, temp, work):
        folder.mkdir()
    for name, value in (("HOME", home), ("XDG_CACHE_HOME", home / ".cache"),
                        ("TMPDIR", temp)):
        monkeypatch.setenv(name, str(value))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.chdir(work)
    monkeypatch.setattr(reader, "_shared", [])  # readers started in these folders
    upload = ("feed.jsonl", "\n".join(json.dumps(
        {"id": i, "title": "عنوان سري", "text": "اشتباك مسلح قرب كركوك صباح اليوم. " * 40})
        for i in range(60)).encode(), "application/json")
    warm = AppTest.from_file(APP, default_timeout=120).run()  # the readers start
    warm.file_uploader(key=state.UPLOADS).set_value(("k.txt", "قرب كركوك".encode(),
                                                     "text/plain")).run()
    seconds = []
    for _ in range(2):
        at = AppTest.from_file(APP, default_timeout=120).run()
        start = time.monotonic()
        at.file_uploader(key=state.UPLOADS).set_value(upload).run()
        seconds.append(time.monotonic() - start)
        assert not at.exception and "60 documents" in at.expander[0].label
    assert seconds[1] > seconds[0] / 2  # a cache answered ten times faster
    assert files_under(home, temp, work) == set()
    assert not list(ROOT.glob("*.part")) and not (ROOT / ".tmp").exists()


def test_a_nul_in_an_uploaded_files_name_is_reported_and_leaves_no_file(tmp_path,
                                                                         monkeypatch):
    """Such a name raised ValueError in the old cache and left tmp*.part files. (Streamlit
    1.67's uploader now refuses it itself; the library reports it.)"""
    monkeypatch.chdir(tmp_path)
    corpus = data.from_uploads([("notes.tx\0t", b"x"), ("a\0.txt", "قرب كركوك".encode())])
    assert corpus.report["reason"].tolist() == [
        "unknown suffix '.tx\\x00t': known are .csv, .htm, .html, .jsonl, .txt", ""]
    assert list(tmp_path.iterdir()) == []
