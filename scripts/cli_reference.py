"""Write the help of the ``iraqmap`` command into README.md's reference.

    python scripts/cli_reference.py

Each block of README.md that starts with a ``$ iraqmap [COMMAND] --help`` line is
replaced by what that prints, at 88 columns. tests/test_cli.py fails when the README and
the help disagree (on any option, its help, or a command's description).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
WIDTH = 88
# A help block: ```text, the command line that prints it, its output, ```.
BLOCK = re.compile(r"(```text\n\$ iraqmap(?P<command> \w+)? --help\n)(?P<help>.*?)(```)", re.S)


def help_text(command: str | None) -> str:
    """What ``iraqmap [command] --help`` prints."""
    from dashboard.cli import main

    out = io.StringIO()
    with (mock.patch.dict(os.environ, COLUMNS=str(WIDTH)), contextlib.redirect_stdout(out),
          contextlib.suppress(SystemExit)):
        main([*filter(None, [command]), "--help"])
    return out.getvalue()


def blocks(text: str) -> dict[str | None, str]:
    """The help blocks of a README by command (None: ``iraqmap --help``)."""
    return {(m["command"] or "").strip() or None: m["help"] for m in BLOCK.finditer(text)}


def main() -> None:
    text = README.read_text(encoding="utf-8")
    README.write_text(BLOCK.sub(
        lambda m: m[1] + help_text((m["command"] or "").strip() or None) + m[4], text),
        encoding="utf-8")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))  # the checkout's packages, not an installed copy
    main()
