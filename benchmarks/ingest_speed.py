"""How fast ``python -m gazetteer ingest`` tabulates a corpus: cold, and from the cache.

    python benchmarks/ingest_speed.py                # 3000 articles made from the seeds
    python benchmarks/ingest_speed.py --docs 500     # fewer
    python benchmarks/ingest_speed.py --corpus DIR   # any folder of articles

The made-up articles are the seed articles' sentences reshuffled (fixed random seed), each
about as long as a seed, under a numeric date line as Arabic sites print one, so that both
places and dates are found. Every run is the command itself in a fresh process (start-up,
reading, the gazetteer built in each worker, writing parquet included) on a snapshot of the
package: cold with one worker and with two (a cache folder each), then the re-run served
from the first one's cache (median of 3). CPU is that of the command and its workers.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow.parquet as pq

ROOT = Path(__file__).parent.parent
SEEDS = ROOT / "seeds"
SENTENCE = re.compile(r"[^.!?\u061f\n]+[.!?\u061f]?")
SENTENCES_PER_ARTICLE = 35  # the seeds hold 20 to 40 sentences of ~140 characters
SENTENCES_PER_PARAGRAPH = 4


def seed_sentences() -> list[str]:
    """Every sentence of the seed articles longer than a header line."""
    texts = (p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    return [s.strip() for t in texts for s in SENTENCE.findall(t) if len(s.strip()) > 20]


def write_corpus(folder: Path, count: int, seed: int = 7) -> None:
    """``count`` articles of reshuffled seed sentences, each under a random date line."""
    rng = random.Random(seed)
    sentences = seed_sentences()
    for n in range(count):
        picked = rng.sample(sentences, SENTENCES_PER_ARTICLE)
        dated = f"{rng.randint(1, 28):02d}-{rng.randint(1, 12):02d}-{rng.randint(2014, 2025)}"
        paragraphs = [
            " ".join(picked[i : i + SENTENCES_PER_PARAGRAPH])
            for i in range(1, len(picked), SENTENCES_PER_PARAGRAPH)
        ]
        text = "\n\n".join([picked[0], dated, *paragraphs]) + "\n"
        (folder / f"{n:05d}.txt").write_text(text, encoding="utf-8")


def run_ingest(code: Path, corpus: Path, cache: Path, out: Path, workers: int
               ) -> tuple[float, float, int]:
    """Wall seconds the command takes (start-up included), the CPU seconds it and its
    workers spent, and the documents it tabulated."""
    command = [sys.executable, "-m", "gazetteer", "ingest", str(corpus), "-o", str(out),
               "--cache", str(cache), "--workers", str(workers)]
    cpu_before = _children_cpu()
    started = time.perf_counter()
    subprocess.run(command, cwd=code, check=True, capture_output=True)
    seconds = time.perf_counter() - started
    # The documents table, named as the command's help says: <stem>.documents.parquet.
    docs = pq.read_metadata(out.with_name(f"{out.stem}.documents.parquet")).num_rows
    return seconds, _children_cpu() - cpu_before, docs


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=3000, help="articles to make (default 3000)")
    parser.add_argument("--corpus", type=Path, help="a folder of articles to use instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus = args.corpus or tmp / "corpus"
        if not args.corpus:
            corpus.mkdir()
            write_corpus(corpus, args.docs)
        out = tmp / "m.parquet"
        # A snapshot of the package: the cache is keyed by its code and data, so an edit
        # made in the working tree meanwhile would send the cached runs back to work.
        code = tmp / "code"
        shutil.copytree(ROOT / "gazetteer", code / "gazetteer")
        # Other work on the machine slows the runs, the parallel one most: say how busy.
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"corpus: {corpus}; {os.cpu_count()} cores, load average {load}")
        for workers in (1, 2):
            seconds, cpu, docs = run_ingest(code, corpus, tmp / f"cache-{workers}", out, workers)
            print(f"cold, {workers} worker(s): {docs} docs in {seconds:5.2f} s "
                  f"= {docs / seconds:6.1f} docs/s  (CPU {cpu:5.2f} s)")
        reruns = [run_ingest(code, corpus, tmp / "cache-1", out, 1)[0] for _ in range(3)]
        median = statistics.median(reruns)
        print(f"cached re-run:       {docs} docs in {median:5.2f} s "
              f"= {docs / median:6.1f} docs/s  (median of {', '.join(f'{s:.2f}' for s in reruns)})")

if __name__ == "__main__":
    main()
