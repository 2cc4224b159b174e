"""Throughput of the geoparser against a bare Aho-Corasick scan of the same names.

    python benchmarks/extract_speed.py [--docs 3000] [--corpus DIR] [--repeat 3]

The corpus: article-sized texts made from the seed articles' paragraphs, shuffled with
a fixed seed (or every document of --corpus DIR, read with the project's readers).
Prints, in one run and on one core: the gazetteer's load time, docs/s of the geoparser
(places with their context and resolution), docs/s of a bare scan (pyahocorasick over
the raw texts with the same names, collecting every hit), the ratio, docs/s of the whole
extract (places, page segments, publication and event dates, incidents), docs/s of the
event extractor alone (on the same documents' mentions and dates), what the whole extract
keeps of the speed it has without the event extractor (the two timed back to back, so
that the work they share, the folded text and the sentence ends, counts once), and the
peak memory of the process. Figures are medians of --repeat runs.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import time
from pathlib import Path

import ahocorasick

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT))

from gazetteer.dates import find_dates  # noqa: E402
from gazetteer.documents import Document, load_corpus  # noqa: E402
from gazetteer.geoparse import Geoparser  # noqa: E402
from gazetteer.index import Gazetteer  # noqa: E402
from gazetteer.pipeline import Extractor  # noqa: E402
from gazetteer.segments import segment  # noqa: E402


def seed_corpus(n: int, seed: int = 7) -> list[str]:
    """``n`` texts of 8-20 paragraphs drawn from the seed articles."""
    paragraphs = [p for doc in load_corpus(ROOT / "seeds").documents
                  for p in doc.text.split("\n") if len(p.strip()) > 40]
    rng = random.Random(seed)
    return ["\n\n".join(rng.choices(paragraphs, k=rng.randint(8, 20))) for _ in range(n)]


def seconds(fn, items: list) -> float:
    start = time.perf_counter()
    for item in items:
        fn(item)
    return time.perf_counter() - start


def paired(full, bare, items: list, repeat: int) -> tuple[float, float, float]:
    """Median seconds of each and the median ratio bare/full, the two timed back to back
    in every round so that a busy machine slows both alike."""
    rounds = [(seconds(full, items), seconds(bare, items)) for _ in range(repeat)]
    return (statistics.median(f for f, _ in rounds), statistics.median(b for _, b in rounds),
            statistics.median(b / f for f, b in rounds))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--corpus", type=Path)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    texts = ([d.text for d in load_corpus(args.corpus).documents] if args.corpus
             else seed_corpus(args.docs))
    chars = statistics.median(len(t) for t in texts)

    start = time.perf_counter()
    gazetteer = Gazetteer.load()
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    parser = Geoparser(gazetteer)
    matcher_s = time.perf_counter() - start

    bare = ahocorasick.Automaton()
    for name in gazetteer.arabic_names():
        bare.add_word(name, name)
    bare.make_automaton()

    parser.parse(texts[0])  # first-use tables out of the timing
    full, scan, ratio = paired(parser.parse, lambda t: list(bare.iter(t)), texts, args.repeat)
    extractor = Extractor(parser)
    docs = [Document(str(i), "", t, segments=segment(t)) for i, t in enumerate(texts)]
    places = Extractor(parser, events=False).extract
    extract, _, keeps = paired(extractor.extract, places, docs, args.repeat)
    # The event extractor alone, on what the rest of the extract gives it.
    inputs = [(d.text, x.mentions, find_dates(d.text, anchor=x.published), d.segments)
              for d in docs for x in [extractor.extract(d)]]
    events = statistics.median(seconds(lambda a: extractor.events.extract(*a), inputs)
                               for _ in range(args.repeat))
    incidents = sum(len({e.id for e in extractor.events.extract(*a)}) for a in inputs)
    mentions = sum(len(parser.parse(t)) for t in texts[:200]) / min(200, len(texts))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"corpus: {len(texts)} documents, median {chars:.0f} characters, "
          f"{mentions:.1f} mentions per document")
    print(f"gazetteer load: {load_s:.3f} s ({len(gazetteer)} places); "
          f"matcher build: {matcher_s:.3f} s")
    print(f"geoparser:  {len(texts) / full:8.0f} docs/s")
    print(f"bare scan:  {len(texts) / scan:8.0f} docs/s")
    print(f"ratio:      {ratio:8.1%} of the bare scan (median of {args.repeat} paired rounds)")
    print(f"extract:    {len(texts) / extract:8.0f} docs/s (places, segments, dates, events)")
    print(f"events:     {len(texts) / events:8.0f} docs/s alone ({incidents} incidents); the "
          f"extract keeps {keeps:.1%} of its speed without them")
    print(f"peak memory: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
