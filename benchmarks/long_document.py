"""How extraction time grows with the length of one document: what the default
``Limits.text_chars`` (1,000,000 characters) costs a host at worst.

    python benchmarks/long_document.py [--lengths 100000 1000000 4000000] [--repeat 3]

Two texts of each length, built from the seed articles: as written (sentences and lines),
and as one line with no full stop (a scraped page flattened, where every sentence-bound
search runs to the ends). Prints the median seconds of the whole extract (segments,
places, dates, table rows) and the seconds per million characters: flat means linear.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT))

from gazetteer.documents import Document, load_corpus  # noqa: E402
from gazetteer.pipeline import Extractor  # noqa: E402
from gazetteer.segments import segment  # noqa: E402
from gazetteer.tables import mention_rows  # noqa: E402


def texts(length: int) -> dict[str, str]:
    seeds = "\n".join(doc.text for doc in load_corpus(ROOT / "seeds").documents)
    written = (seeds * (length // len(seeds) + 1))[:length]
    return {"written": written,
            "one line": written.translate(str.maketrans("\n.!?؟", "     "))}


def seconds(extractor: Extractor, text: str) -> tuple[float, int]:
    start = time.perf_counter()
    extraction = extractor.extract(Document("long", "long", text, segments=segment(text)))
    rows = mention_rows(extraction)
    return time.perf_counter() - start, len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lengths", type=int, nargs="+",
                        default=[100_000, 1_000_000, 4_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    extractor = Extractor()
    print(f"{'characters':>12}  {'text':<9} {'mentions':>8}  {'seconds':>8}  {'s per M':>8}")
    for length in args.lengths:
        for kind, text in texts(length).items():
            runs = [seconds(extractor, text) for _ in range(args.repeat)]
            median = statistics.median(s for s, _ in runs)
            print(f"{length:>12,}  {kind:<9} {runs[0][1]:>8,}  {median:>8.2f}  "
                  f"{median / length * 1e6:>8.2f}", flush=True)


if __name__ == "__main__":
    main()
