"""What the red team's inputs (issue 13) cost, per input size: the figures behind "each
bounded or refused".

    python benchmarks/red_team.py                    # this checkout
    python benchmarks/red_team.py --root ../before   # another checkout's code, the same way
    python benchmarks/red_team.py --only "attribute bomb" --timeout 600

Each figure is measured in a process of its own (a fresh interpreter with ``--root`` on
its path, so any version of the code can be measured), stopped after ``--timeout``
seconds: a cost past it prints as "> 300 s". Memory is the process's peak RSS over what
it held once the gazetteer was loaded. The inputs:

- mention bomb: one jsonl record of "بغداد " repeated, with a title, url and source of
  2,000 characters each, uploaded (read, and put in the page's store), then exported as
  CSV: mentions kept, seconds and MB to read, then MB of CSV, seconds and MB to write it;
- enclosing bomb: place names then "قرية X" heads, geoparsed: seconds;
- attribute bomb: attributes in one tag of an html upload, read: seconds;
- paragraph bomb: short paragraphs of an html upload, read: seconds;
- words bomb: one-letter words in the words filter, on the seeds: seconds per rerun's
  queries;
- village list: an upload naming that many villages the gazetteer lacks: the page's
  first run after it (AppTest), KB of elements sent to the browser;
- same upload twice: a 2 MB upload read by two sessions one after the other (AppTest):
  the seconds of each, and the files either left in the user's cache, home, temporary
  or working folders.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LETTERS = "بتثجحخدذرزسشصضطظعغفقلمنهي"
SIZES = {
    "mention bomb": [100_000, 200_000, 400_000],  # characters (the CSV before: 0.4 GB)
    "enclosing bomb": [100_000, 200_000, 400_000],  # characters
    "attribute bomb": [10_000, 20_000, 40_000, 80_000],  # attributes
    "paragraph bomb": [10_000, 20_000, 40_000, 80_000],  # paragraphs
    "words bomb": [10, 1_000, 50_000],  # words
    "village list": [1_000, 10_000, 60_000],  # villages
    "same upload twice": [2_000_000],  # bytes
}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def names(n: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(LETTERS) for _ in range(7)) for _ in range(n)]


def warm():
    """Load what every measure needs first (the gazetteer), so that it is not counted."""
    import gazetteer

    gazetteer.ingest_bytes([("warm.txt", "هجوم في بغداد".encode())])


def mention_bomb(chars: int) -> dict:
    from dashboard import data, export
    from dashboard.filters import Filters
    from dashboard.view import View

    record = {"title": "ع" * 2000, "url": "https://x.iq/" + "a" * 1987, "source": "و" * 2000,
              "text": "بغداد " * (chars // 6)}
    before, start = peak_mb(), time.perf_counter()
    corpus = data.from_uploads([("bomb.jsonl", json.dumps(record).encode())],
                               data.upload_limits())
    read_s, read_mb = time.perf_counter() - start, peak_mb() - before
    view = View(corpus.store, Filters(span=corpus.span))
    start = time.perf_counter()
    if hasattr(view, "rows_query"):
        csv = export.csv_bytes(corpus.store, *view.rows_query())
    else:  # the code before: the whole view as a frame, then its CSV
        csv = export.csv_bytes(view.rows())
    return {"mentions": corpus.store.value("SELECT count(*) FROM mentions"),
            "read s": read_s, "read MB": read_mb, "csv MB": len(csv) / 1e6,
            "csv s": time.perf_counter() - start, "csv peak MB": peak_mb() - before}


def enclosing_bomb(chars: int) -> dict:
    import gazetteer

    parser = gazetteer.Geoparser()
    n = chars // 2 // 12
    text = "في كركوك " * n + " ".join("قرية " + name for name in names(n))
    start = time.perf_counter()
    found = parser.parse(text)
    return {"mentions": len(found), "seconds": time.perf_counter() - start}


def html_bomb(page: str) -> dict:
    from gazetteer.documents import load_bytes

    start = time.perf_counter()
    docs, report = load_bytes("page.html", page.encode())
    return {"MB": len(page.encode()) / 1e6, "seconds": time.perf_counter() - start,
            "status": report.status, "note": (report.problems or (report.reason,))[0][:60]}


def attribute_bomb(n: int) -> dict:
    return html_bomb("<html><body><p>اشتباك قرب كركوك</p><p " + " ".join(
        f'a{i}="x"' for i in range(n)) + "></p></body></html>")


def paragraph_bomb(n: int) -> dict:
    return html_bomb("<html><body>" + "".join(
        f"<p>هجوم في كركوك {i}</p>" for i in range(n)) + "</body></html>")


def words_bomb(n: int) -> dict:
    from dashboard import data
    from dashboard.filters import Filters
    from dashboard.view import View

    corpus = data.from_folder(ROOT / "seeds")
    letters = [chr(c) for c in range(0x0628, 0x064A)]
    words = " ".join((letters * (n // len(letters) + 1))[:n])
    start = time.perf_counter()
    view = View(corpus.store, Filters(span=corpus.span, words=words))
    timeline = view.periods if hasattr(view, "periods") else view.months  # older code
    view.places(), view.documents(), timeline()
    return {"seconds": time.perf_counter() - start}


def _app():
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(str(Path(sys.path[0]) / "dashboard" / "app.py"),
                             default_timeout=3600)


def _sent_kb(node) -> float:
    """KB of the element protos under an AppTest node."""
    if hasattr(node, "children") and node.children:
        return sum(_sent_kb(child) for child in node.children.values())
    proto = getattr(node, "proto", None)
    return proto.ByteSize() / 1e3 if proto is not None else 0.0


def village_list(n: int) -> dict:
    lines = [json.dumps({"id": i, "text": "اشتباك قرب كركوك. " + " و".join(
        f"قرية {name}" for name in part)}) for i, part in enumerate(
        names(n)[k:k + 5_000] for k in range(0, n, 5_000))]
    at = _app().run()
    at.file_uploader(key="uploads").set_value(
        ("villages.jsonl", "\n".join(lines).encode(), "application/json")).run()
    start = time.perf_counter()
    at.run()
    return {"places": len(at.selectbox(key="place").options), "rerun s":
            time.perf_counter() - start, "sent KB": _sent_kb(at.main) + _sent_kb(at.sidebar)}


def same_upload_twice(size: int) -> dict:
    folders = [Path(os.environ[name]) for name in ("HOME", "TMPDIR")] + [Path.cwd()]
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    lines, total = [], 0
    while total < size:
        lines.append(json.dumps({"id": len(lines), "text": texts[len(lines) % len(texts)]}))
        total += len(lines[-1])
    upload = ("same.jsonl", "\n".join(lines).encode(), "application/json")
    warm_ = _app().run()  # the readers, if any, start here
    warm_.file_uploader(key="uploads").set_value(("k.txt", "قرب كركوك".encode(),
                                                  "text/plain")).run()
    seconds = []
    for _ in range(2):
        at = _app().run()
        start = time.perf_counter()
        at.file_uploader(key="uploads").set_value(upload).run()
        seconds.append(time.perf_counter() - start)
    left = [str(p) for folder in folders for p in folder.rglob("*") if p.is_file()]
    return {"first s": seconds[0], "second s": seconds[1], "files left": len(left),
            "e.g.": left[0][-60:] if left else ""}


MEASURES = {"mention bomb": mention_bomb, "enclosing bomb": enclosing_bomb,
            "attribute bomb": attribute_bomb, "paragraph bomb": paragraph_bomb,
            "words bomb": words_bomb, "village list": village_list,
            "same upload twice": same_upload_twice}


def measure(root: Path, name: str, size: int, timeout: float) -> dict:
    """One figure, in a process of its own with ``root``'s code and empty folders for its
    home, cache, temporary and working folders."""
    with tempfile.TemporaryDirectory() as scratch:
        home, temp, work = (Path(scratch) / part for part in ("home", "temp", "work"))
        for folder in (home, temp, work):
            folder.mkdir()
        env = {k: v for k, v in os.environ.items() if not k.startswith("IRAQMAP_")} | {
            "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache"), "TMPDIR": str(temp),
            "PYTHONPATH": str(root)}
        try:
            done = subprocess.run(
                [sys.executable, __file__, "--root", str(root), "--child", name, str(size)],
                cwd=work, env=env, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return {"seconds": f"> {timeout:g} s"}
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    return json.loads(lines[-1]) if lines else {"error": done.stderr.strip()[-200:]}


def child(root: Path, name: str, size: int) -> None:
    sys.path.insert(0, str(root))
    warm()
    print(json.dumps(MEASURES[name](size), ensure_ascii=False), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to measure")
    parser.add_argument("--only", nargs="+", choices=MEASURES, default=list(MEASURES))
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.root.resolve(), args.child[0], int(args.child[1]))
        return
    print(f"code: {args.root.resolve()}")
    for name in args.only:
        for size in SIZES[name]:
            figures = measure(args.root.resolve(), name, size, args.timeout)
            shown = "  ".join(f"{k} {v:,.2f}" if isinstance(v, float) else f"{k} {v}"
                              for k, v in figures.items())
            print(f"{name:<18} {size:>10,}  {shown}", flush=True)


if __name__ == "__main__":
    main()
