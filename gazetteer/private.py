"""What the library writes is its user's only: folders made private, folders of others
refused.

A dataset (``ingest -o DIR``) and the online fallback's answers (``--online FILE``) are
written where the user says and read back by later runs and by the page. Data formats
only (Parquet, JSON) are read back, so nothing there can run code; but a folder that
another user owns or anyone may write in could feed a run rows or answers someone else
put there. :func:`private_folder` makes a missing folder readable by its user only
(0700) and refuses one owned by another user or writable by anyone; the files are then
written 0600 (:func:`private_file` for a file written whole, ``tempfile.mkstemp`` for the
dataset's parts).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class NotPrivate(PermissionError):
    """A folder the library would write in and read back belongs to others too."""


def private_folder(path: str | os.PathLike) -> Path:
    """``path``, made (with its parents) when missing, the last one 0700; refused with
    :class:`NotPrivate` when another user owns it or anyone may write in it."""
    path = Path(path)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    status = path.stat()
    if hasattr(os, "getuid") and status.st_uid != os.getuid():
        raise NotPrivate(f"{path} belongs to another user (uid {status.st_uid}): give a "
                         "folder of your own")
    if status.st_mode & stat.S_IWOTH:
        raise NotPrivate(f"{path} may be written by anyone: give a folder of your own, or "
                         f"close it (chmod o-w {path})")
    return path


def private_file(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path``, readable by its user only (0600)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with open(fd, "w", encoding="utf-8") as f:
        f.write(text)
