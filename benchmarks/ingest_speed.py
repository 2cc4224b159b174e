"""How fast, and in how much memory, ``python -m gazetteer ingest`` tabulates a corpus.

    python benchmarks/ingest_speed.py                          # 10k, 50k, 200k articles
    python benchmarks/ingest_speed.py --sizes 2000 --compare 2000
    python benchmarks/ingest_speed.py --articles DIR           # other articles to cycle

The corpus: the articles of ``--articles`` (default /work/evaltexts/all, the project's 567
candidate articles; any folder of .txt files) cycled, each copy made unique by a line
holding its number, and given a publication date (2014-2025), written as jsonl files of
1,000 articles (as an archive's export would be). Every run is the command itself in a
fresh process on a local Dask cluster, into a fresh dataset. For each size: wall seconds,
articles per second, mentions written, and the peak RSS of the whole process tree (the
command, the Dask scheduler and workers: the sum over the tree, sampled every 0.2 s).
``--compare N``: 1 worker against 2 on N articles, alternated ``--rounds`` times in the
same run (the median ratio: the machine may be shared), with the CPU seconds the whole
tree spent: the same CPU for both says the work divides, whatever else runs. Then a re-run on the
largest corpus with nothing changed (the incremental path). Last, an extrapolation to 1M
and 10M articles: time at the measured throughput, memory from how the peak grew.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import psutil
import pyarrow.parquet as pq

ROOT = Path(__file__).parent.parent
ARTICLES = Path("/work/evaltexts/all")
PER_FILE = 1_000
FIRST_DAY, DAYS = date(2014, 1, 1), 12 * 365


def write_corpus(folder: Path, count: int, articles: list[str]) -> None:
    """``count`` unique articles cycled from ``articles``, as jsonl files."""
    folder.mkdir(parents=True)
    for start in range(0, count, PER_FILE):
        with (folder / f"{start // PER_FILE:05d}.jsonl").open("w", encoding="utf-8") as out:
            for n in range(start, min(start + PER_FILE, count)):
                day = FIRST_DAY + timedelta(days=(n * 7919) % DAYS)
                text = f"{articles[n % len(articles)]}\n#{n}\n"
                out.write(json.dumps({"id": f"a{n}", "date": day.isoformat(), "text": text},
                                     ensure_ascii=False) + "\n")


def run(corpus: Path, out: Path, workers: int, fresh: bool = False
        ) -> tuple[float, float, float]:
    """Wall seconds of ``gazetteer ingest``, the peak RSS (bytes) of its tree and the CPU
    seconds the tree spent (``fresh``: into an empty dataset)."""
    if fresh:
        shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "gazetteer", "ingest", str(corpus), "-o", str(out),
               "--workers", str(workers)]
    cpu = _children_cpu()
    started = time.perf_counter()
    process = psutil.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss(process))
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    if process.returncode > 1:  # 1: done, some files rejected
        raise SystemExit(process.stderr.read().decode())
    return seconds, peak, _children_cpu() - cpu


def _children_cpu() -> float:
    """CPU seconds of this process's descendants that ended (the command waits for its
    cluster's processes, which wait for theirs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _tree_rss(process: psutil.Process) -> int:
    total = 0
    for p in [process, *process.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):  # ended meanwhile
            total += p.memory_info().rss
    return total


def mentions(out: Path) -> int:
    return sum(pq.read_metadata(p).num_rows for p in (out / "mentions").glob("*.parquet"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 200_000])
    parser.add_argument("--compare", type=int, default=50_000,
                        help="articles for 1 worker against 2 (default 50,000; 0: none)")
    parser.add_argument("--rounds", type=int, default=3, help="of 1 worker then 2")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--articles", type=Path, default=ARTICLES)
    args = parser.parse_args()
    articles = [p.read_text(encoding="utf-8") for p in sorted(args.articles.glob("*.txt"))]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{len(articles)} articles cycled; {os.cpu_count()} cores, load average {load}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpora = {}
        for n in sorted({*args.sizes, args.compare} - {0}):
            corpora[n] = tmp / f"corpus-{n}"
            write_corpus(corpora[n], n, articles)
        if args.compare:
            ratios = []
            for _ in range(args.rounds):  # alternated: a change of load hits both alike
                rates = {}
                for workers in (1, 2):
                    seconds, peak, cpu = run(corpora[args.compare],
                                             tmp / f"compare-{workers}", workers, fresh=True)
                    rates[workers] = args.compare / seconds
                    print(f"{args.compare:>9,} articles, {workers} worker(s): {seconds:7.1f} s, "
                          f"{rates[workers]:6.1f} articles/s, CPU {cpu:6.1f} s, peak RSS "
                          f"{peak / 1e9:.2f} GB, load average {os.getloadavg()[0]:.1f}",
                          flush=True)
                ratios.append(rates[2] / rates[1])
            print(f"2 workers / 1 worker throughput: median {statistics.median(ratios):.2f} "
                  f"of {', '.join(f'{r:.2f}' for r in ratios)}")
        print(f"{'articles':>9} {'seconds':>8} {'articles/s':>10} {'mentions':>10} "
              f"{'peak RSS GB':>11}  ({args.workers} workers)")
        figures = {}
        for n in args.sizes:
            out = tmp / f"out-{n}"
            seconds, peak, _ = run(corpora[n], out, args.workers)
            figures[n] = (seconds, peak)
            print(f"{n:>9,} {seconds:>8.1f} {n / seconds:>10.1f} {mentions(out):>10,} "
                  f"{peak / 1e9:>11.2f}", flush=True)
        largest = max(args.sizes)
        seconds, peak, _ = run(corpora[largest], tmp / f"out-{largest}", args.workers)
        print(f"re-run on {largest:,} articles, nothing changed: {seconds:.1f} s, "
              f"peak RSS {peak / 1e9:.2f} GB")
        (small, (_, p0)), (big, (s1, p1)) = sorted(figures.items())[0], (
            largest, figures[largest])
        per_article = max(p1 - p0, 0) / (big - small) if big > small else 0
        rate = big / s1
        for n in (1_000_000, 10_000_000):
            print(f"extrapolated to {n:>10,} articles: {n / rate / 3600:6.1f} h at "
                  f"{rate:.0f} articles/s; peak RSS {(p1 + per_article * (n - big)) / 1e9:.2f}"
                  f" GB ({per_article:.0f} bytes more per article)")


if __name__ == "__main__":
    main()
