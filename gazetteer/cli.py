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

    corpus = load_corpus(args.files, args.limits)
    report_files(corpus.report, corpus.summary())
    extractor = Extractor(online_parser(args.online) if args.online else None)
    for doc in corpus.documents:
        print(json.dumps(extractor.extract(doc).to_json(), ensure_ascii=False))
    return 0 if corpus.documents else 1


def ingest(args: argparse.Namespace) -> int:
    """Tabulate a corpus: the mentions table to OUTPUT, the documents table beside it.

    Both are parquet; the documents table is named after OUTPUT: mentions.parquet gives
    mentions.documents.parquet. Files read before are served from a cache by their
    content, unless the gazetteer or the code changed since.
    """
    from .corpus import ingest as run_ingest
    from .readers import READERS

    result = run_ingest(
        args.paths, cache_dir=args.cache, use_cache=not args.no_cache, workers=args.workers,
        limits=args.limits,
    )
    cached = f"; {result.cached_files} from the cache" if result.cached_files else ""
    report_files(result.report, result.summary + cached, verbose=args.verbose)
    if result.documents.empty:
        known = ", ".join(sorted(READERS))
        print("no documents to tabulate: no file could be read (reasons above); "
              f"give files or folders of articles ({known})", file=sys.stderr)
        return 1
    mentions, documents = result.write(args.output)
    print(f"{len(result.mentions)} mentions written to {mentions}, "
          f"{len(result.documents)} documents to {documents}")
    return 0


def online_parser(cache: str):
    """A geoparser that asks Nominatim for the places it cannot locate (cached)."""
    from .geoparse import Geoparser
    from .online import NominatimFallback

    return Geoparser(fallback=NominatimFallback(Path(cache)))


def limits(args: argparse.Namespace):
    """The :class:`~gazetteer.limits.Limits` the options ask for (defaults elsewhere)."""
    from .limits import Limits

    given = {"file_bytes": args.max_file_mb and round(args.max_file_mb * 1e6),
             "text_chars": args.max_text_chars, "files": args.max_files}
    return Limits(**{name: value for name, value in given.items() if value is not None})


def add_limit_options(parser: argparse.ArgumentParser) -> None:
    from .limits import DEFAULT_LIMITS

    group = parser.add_argument_group("limits", "what is turned away is listed on stderr")
    group.add_argument("--max-file-mb", type=float, metavar="MB",
                       help="reject larger files (default: "
                            f"{DEFAULT_LIMITS.file_bytes / 1e6:g})")
    group.add_argument("--max-text-chars", type=int, metavar="N",
                       help="cut longer documents, noting it (default: "
                            f"{DEFAULT_LIMITS.text_chars:,})")
    group.add_argument("--max-files", type=int, metavar="N",
                       help="reject the files after the first N (default: no limit)")


def report_files(report, summary: str, verbose: bool = False) -> None:
    """Say on stderr which files were not read and why, what was skipped or cut in the
    others, and (``verbose``) what every file gave; then the summary line. Stdout
    carries the data."""
    for r in report:
        if r.status != "loaded":
            print(f"rejected {r.path}: {r.reason}", file=sys.stderr)
        elif verbose or r.problems:
            docs = f"{r.documents} document{'s' * (r.documents != 1)}"
            print(f"loaded {r.path}: {docs}, {r.encoding}", file=sys.stderr)
            for problem in r.problems:
                print(f"  {problem}", file=sys.stderr)
    print(summary, file=sys.stderr)


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
    p.add_argument("--online", metavar="CACHE.json", nargs="?", const="nominatim-cache.json",
                   help="ask OpenStreetMap's Nominatim for places the gazetteer lacks and "
                        "the text does not locate (needs the internet; answers cached)")
    add_limit_options(p)
    p.set_defaults(run=extract)
    summary = ingest.__doc__.split("\n")[0]
    p = commands.add_parser("ingest", help=summary, description=ingest.__doc__)
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders of articles")
    p.add_argument("-o", "--output", default="mentions.parquet",
                   help="the mentions table (default: %(default)s); the documents table "
                   "goes beside it as <stem>.documents.parquet")
    p.add_argument("--cache", metavar="DIR",
                   help="the cache folder (default: $XDG_CACHE_HOME/iraq-security-map/"
                   "extractions, else under ~/.cache)")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    p.add_argument("-j", "--workers", type=int, metavar="N",
                   help="processes extracting (default: every core for a large corpus)")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="also list the files loaded without problems")
    add_limit_options(p)
    p.set_defaults(run=ingest)
    args = parser.parse_args(argv)
    if "max_files" in args:
        try:
            args.limits = limits(args)
        except ValueError as err:  # a limit out of range: say which, as argparse would
            parser.error(str(err))
    return args.run(args)
