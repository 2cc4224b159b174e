"""The geoparser's cost against a bare scan, and the whole extract's against the extract
before the event extractor, in instructions: figures a shared, noisy machine does not blur
(timings there swing by half from one minute to the next).

    python benchmarks/extract_instructions.py [--baseline REV] [--before-events REV] [--docs 1000]

For this checkout and the git revision ``--baseline`` (default: the geoparser before the
border zone, water and bases came in), counts with valgrind's callgrind (Debian's
``valgrind``) the instructions of two passes of the geoparser over ``--docs`` seed-made
articles (benchmarks/extract_speed.py's corpus, each tree's own), and of two passes of the
bare scan of that tree's names, each in a process of its own after its set-up. Prints each
pass's instructions per document and the ratio bare / geoparser, the figure
extract_speed.py prints as "ratio". Then the same for the whole extract (places, segments,
dates and, in this checkout, incidents) of this checkout, of this checkout without the
event extractor, and of ``--before-events`` (default: the commit before the event
extractor came in): what the extract with events keeps of each one's speed (issue 10 asks
80% of the extract's speed before the events). Only the passes are counted (callgrind
collects inside the one call of ``operator.call`` that runs them), so the set-up's
hundreds of millions of instructions, which vary a little from run to run, blur nothing.
"""

from __future__ import annotations

import argparse
import gc
import operator
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).parent.parent
BASELINE = "ee7cd22^"
BEFORE_EVENTS = "939b8e7^"
MODES = ("parse", "bare")
EXTRACTS = ("extract", "places")  # places: this checkout's extract without events


def child(tree: str, mode: str, docs: int) -> None:
    """In this process: the set-up, then two passes of ``mode`` (the part counted)."""
    sys.path.insert(0, f"{tree}/benchmarks")  # its extract_speed puts its tree first
    import ahocorasick
    from extract_speed import seed_corpus

    from gazetteer.documents import Document
    from gazetteer.geoparse import Geoparser
    from gazetteer.segments import segment

    texts = seed_corpus(docs)
    parser = Geoparser()
    if mode.startswith("extract:"):  # the extract's runs: extract, places
        items = [Document(str(i), "", t, segments=segment(t)) for i, t in enumerate(texts)]
        run = _extractors(parser, items)[mode.split(":")[1]]
    else:
        bare = ahocorasick.Automaton()
        for name in parser.gazetteer.arabic_names():
            bare.add_word(name, name)
        bare.make_automaton()
        run = {"parse": parser.parse, "bare": lambda t: list(bare.iter(t))}[mode]
        items = texts
    for text in texts:  # first-use tables out of the count
        parser.parse(text)
    # Whatever the tree, what the set-up made is left out of the cyclic collector's walks:
    # a full collection over it, falling in one run of a pair and not the other, moved a
    # per-document figure by a tenth from one run of this script to the next.
    gc.collect()
    gc.freeze()

    def passes() -> None:
        for _ in range(2):
            for item in items:
                run(item)

    operator.call(passes)  # what callgrind counts: nothing else calls it


def _extractors(parser, items: list) -> dict:
    """What an extract run calls per document, each extractor built and run once over
    ``items`` first, whatever the run."""
    from gazetteer.pipeline import Extractor

    full = Extractor(parser)
    try:
        places = Extractor(parser, events=False)
    except TypeError:  # a revision before the events: its extract is places alone
        places = full
    for item in items:
        full.extract(item)
        places.extract(item)
    return {"extract": full.extract, "places": places.extract}


def instructions(tree: Path, mode: str, docs: int) -> int:
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
         "--collect-atstart=no", "--toggle-collect=_operator_call", sys.executable,
         __file__, "--child", str(tree), mode, "--docs", str(docs)],
        capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if done.returncode or not found:
        raise SystemExit(f"{tree} {mode} failed:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--baseline", default=BASELINE)
    ap.add_argument("--before-events", default=BEFORE_EVENTS)
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(*args.child, args.docs)
        return
    with tempfile.TemporaryDirectory() as tmp:
        old, before = _tree(args.baseline, Path(tmp, "old")), _tree(args.before_events,
                                                                    Path(tmp, "before"))
        trees = {"this checkout": ROOT, f"baseline ({args.baseline})": old}
        runs = [(tree, mode) for tree in trees.values() for mode in MODES]
        runs += [(ROOT, f"extract:{mode}") for mode in EXTRACTS]
        runs += [(before, "extract:extract")]
        with ThreadPoolExecutor(os.cpu_count()) as pool:  # each run is a process
            counts = dict(zip(runs, pool.map(lambda r: instructions(*r, args.docs), runs),
                              strict=True))

    def per_doc(tree: Path, mode: str) -> float:
        return counts[tree, mode] / (2 * args.docs)

    for label, tree in trees.items():
        parse, bare = per_doc(tree, "parse"), per_doc(tree, "bare")
        print(f"{label:24} geoparser {parse / 1e3:8.0f}k, bare scan {bare / 1e3:6.0f}k "
              f"instructions per document; ratio {bare / parse:.1%}")
    full, places, then = (per_doc(tree, f"extract:{mode}") for tree, mode in
                          ((ROOT, "extract"), (ROOT, "places"), (before, "extract")))
    print(f"whole extract: {full / 1e3:.0f}k instructions per document with events, "
          f"{places / 1e3:.0f}k without; {args.before_events} (before the events) "
          f"{then / 1e3:.0f}k")
    print(f"the extract with events keeps {places / full:.1%} of this checkout's speed "
          f"without them and {then / full:.1%} of the speed before the events")


def _tree(rev: str, where: Path) -> Path:
    """The library, benchmarks and seeds of git revision ``rev``, extracted at ``where``."""
    where.mkdir()
    archive = subprocess.run(["git", "archive", rev, "gazetteer", "benchmarks", "seeds"],
                             cwd=ROOT, check=True, capture_output=True)
    subprocess.run(["tar", "-x"], cwd=where, input=archive.stdout, check=True)
    return where


if __name__ == "__main__":
    main()
