"""The ``iraqmap`` command: the library's command line (:mod:`gazetteer.cli`) and
``serve``, which runs this dashboard. In a checkout, ``python -m dashboard``.

``serve`` is ``streamlit run app.py -- ...``: Streamlit reads the project's settings from
``.streamlit/config.toml`` of the current folder (a checkout's root) or beside the app
(where the wheel puts them, see pyproject.toml). Installed, this package is
``iraqmap_app.dashboard``: this module imports no ``dashboard.*``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from gazetteer import cli

APP = Path(__file__).with_name("app.py")
# The app's own options (dashboard/data.py reads them after `--`), with their help.
APP_OPTIONS = {
    "corpus": ("PATH", "a file or folder of articles to show (default: the bundled seed "
                       "articles, or IRAQMAP_CORPUS)"),
    "dataset": ("DIR", "a dataset written by ingest -o DIR, queried where it lies, shown "
                       "instead of a corpus (or IRAQMAP_DATASET)"),
}
# serve's options that are Streamlit's server options.
SERVER_OPTIONS = {"port": "server.port", "address": "server.address"}


def serve(args: argparse.Namespace) -> int:
    """Start the dashboard, a Streamlit server, until Ctrl+C.

    The page of streamlit run dashboard/app.py, with the project's settings
    (.streamlit/config.toml; a STREAMLIT_* environment variable overrides one); open the
    URL it prints. Host settings (IRAQMAP_PASSWORD, upload limits) come from the
    environment or Streamlit's secrets. Its messages and exit code are Streamlit's."""
    from streamlit.web.cli import main as streamlit

    streamlit(streamlit_args(args), prog_name="streamlit", standalone_mode=False)
    return cli.DONE


def streamlit_args(args: argparse.Namespace) -> list[str]:
    """The arguments of ``streamlit`` that ``serve`` runs: the app, the server options
    given, then the app's own options."""
    server = [f"--{option}={value}" for name, option in SERVER_OPTIONS.items()
              if (value := getattr(args, name)) is not None]
    chosen = [f"--{name}={value}" for name in APP_OPTIONS
              if (value := getattr(args, name)) is not None]
    return ["run", str(APP), *server, "--", *chosen]


def add_serve(commands) -> None:
    """Add ``serve`` to the library's subcommands."""
    p = cli.command(commands, "serve", serve)
    for name, (metavar, help) in APP_OPTIONS.items():
        p.add_argument(f"--{name}", type=cli.existing, metavar=metavar, help=help)
    p.add_argument("--port", type=cli.positive, metavar="N",
                   help="the port to listen on (default: 8501, Streamlit's)")
    p.add_argument("--address", help="the address to listen on (default: every address "
                   "of this machine, as Streamlit's; 127.0.0.1 for this machine only)")


def main(argv: list[str] | None = None) -> int:
    """Run the ``iraqmap`` command line ``argv``; returns the exit code."""
    return cli.main(argv, prog="iraqmap", more=add_serve)
