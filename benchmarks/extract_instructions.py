"""The geoparser's cost against a bare scan, in instructions: figures a shared, noisy
machine does not blur (timings there swing by half from one minute to the next).

    python benchmarks/extract_instructions.py [--baseline REV] [--docs 1000]

For this checkout and the git revision ``--baseline`` (default: the geoparser before the
border zone, water and bases came in), counts with valgrind's callgrind (Debian's
``valgrind``) the instructions of three runs of the same process: set-up only, set-up and
two passes of the geoparser over ``--docs`` seed-made articles (benchmarks/extract_speed.py's
corpus, each tree's own), and set-up and two passes of the bare scan of that tree's names.
Prints each pass's instructions per document and the ratio bare / geoparser, the figure
extract_speed.py prints as "ratio". Hash seeds are fixed, so a run repeats its counts.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).parent.parent
BASELINE = "ee7cd22^"
MODES = ("none", "parse", "bare")


def child(tree: str, mode: str, docs: int) -> None:
    """In this process: the set-up, then two passes of ``mode``."""
    sys.path.insert(0, f"{tree}/benchmarks")  # its extract_speed puts its tree first
    import ahocorasick
    from extract_speed import seed_corpus

    from gazetteer.geoparse import Geoparser

    texts = seed_corpus(docs)
    parser = Geoparser()
    bare = ahocorasick.Automaton()
    for name in parser.gazetteer.arabic_names():
        bare.add_word(name, name)
    bare.make_automaton()
    for text in texts:  # first-use tables out of the count
        parser.parse(text)
        list(bare.iter(text))
    run = {"none": None, "parse": parser.parse, "bare": lambda t: list(bare.iter(t))}[mode]
    for _ in range(2 if run else 0):
        for text in texts:
            run(text)


def instructions(tree: Path, mode: str, docs: int) -> int:
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
         __file__, "--child", str(tree), mode, "--docs", str(docs)],
        capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if done.returncode or not found:
        raise SystemExit(f"{tree} {mode} failed:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--baseline", default=BASELINE)
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(*args.child, args.docs)
        return
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp)
        archive = subprocess.run(["git", "archive", args.baseline, "gazetteer", "benchmarks",
                                  "seeds"], cwd=ROOT, check=True, capture_output=True)
        subprocess.run(["tar", "-x"], cwd=old, input=archive.stdout, check=True)
        trees = {"this checkout": ROOT, f"baseline ({args.baseline})": old}
        runs = [(tree, mode) for tree in trees.values() for mode in MODES]
        with ThreadPoolExecutor(os.cpu_count()) as pool:  # each run is a process
            counts = dict(zip(runs, pool.map(lambda r: instructions(*r, args.docs), runs),
                              strict=True))
        for label, tree in trees.items():
            count = {mode: counts[tree, mode] for mode in MODES}
            per_doc = {m: (count[m] - count["none"]) / (2 * args.docs) for m in MODES[1:]}
            print(f"{label:24} geoparser {per_doc['parse'] / 1e3:8.0f}k, bare scan "
                  f"{per_doc['bare'] / 1e3:6.0f}k instructions per document; ratio "
                  f"{per_doc['bare'] / per_doc['parse']:.1%}", flush=True)


if __name__ == "__main__":
    main()
