"""The command line: ``python -m gazetteer COMMAND``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def build(args: argparse.Namespace) -> int:
    """Regenerate data/places.tsv and data/geometries.geojson from the source dumps."""
    from .build import build as run_build

    places = run_build(Path(args.sources))
    print(f"{len(places)} places written to gazetteer/data/")
    return 0


def lookup(args: argparse.Namespace) -> int:
    """List the places a name may mean, most likely first."""
    from .index import Gazetteer

    places = Gazetteer.load().lookup(args.name)
    if not places:
        print(f"no place called {args.name!r}", file=sys.stderr)
        return 1
    for p in places[: args.limit]:
        where = ", ".join(x for x in (p.admin1, p.country) if x)
        print(
            f"{p.id}\t{p.feature}\t{p.name_en} / {p.name_ar}\t{p.lat:.4f},{p.lon:.4f}"
            f"\t±{p.radius_km:g} km\t{where}"
        )
    if len(places) > args.limit:
        print(f"... and {len(places) - args.limit} more")
    return 0


def extract(args: argparse.Namespace) -> int:
    """Print the located, dated mentions of each document as JSON Lines."""
    from .documents import load_corpus
    from .pipeline import Extractor

    corpus = load_corpus(args.files)
    report_rejections(corpus)
    extractor = Extractor()
    for doc in corpus.documents:
        print(json.dumps(extractor.extract(doc).to_json(), ensure_ascii=False))
    return 0 if corpus.documents else 1


def report_rejections(corpus) -> None:
    """Say on stderr which files were not read and why (stdout carries the data)."""
    for r in corpus.report:
        if r.status != "loaded":
            print(f"rejected {r.path}: {r.reason}", file=sys.stderr)
    print(corpus.summary(), file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gazetteer", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("build", help=build.__doc__, description=build.__doc__)
    p.add_argument("--sources", required=True, help="folder holding the source dumps")
    p.set_defaults(run=build)
    p = commands.add_parser("lookup", help=lookup.__doc__, description=lookup.__doc__)
    p.add_argument("name")
    p.add_argument("--limit", type=int, default=20)
    p.set_defaults(run=lookup)
    p = commands.add_parser("extract", help=extract.__doc__, description=extract.__doc__)
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(run=extract)
    args = parser.parse_args(argv)
    return args.run(args)
