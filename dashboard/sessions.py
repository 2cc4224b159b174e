"""What the server lets go of when a visitor leaves.

Streamlit keeps the session of a browser that left for ``server.disconnectedSessionTTL``
seconds (120 by default), so that a reconnection finds it, and then forgets it only
when another session is stored: until then its session state (an upload's tables), its
uploaded files and its downloads stay in memory, and the memory freed after is not given
back to the system. So each session that runs the page is watched (:func:`watch`), with
what it holds, by a thread of this module that looks every :data:`EVERY` seconds:

- a session no longer connected runs its :func:`on_leave` calls at once (its upload's
  reading is dropped: nobody waits for it);
- one not connected for the TTL runs its :func:`on_end` calls (its tables' database
  closed), and Streamlit's copies of its uploaded files and of the files its downloads
  made are removed; then the memory freed is given back to the system (glibc's
  ``malloc_trim``; elsewhere the allocator decides).

A session the runtime never had connected (the test runner's) is never taken for gone.
The watch is the module's own, not a ``st.cache_resource``, which any visitor can clear.
"""

from __future__ import annotations

import ctypes
import gc
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field

from streamlit import config
from streamlit.runtime import Runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

EVERY = 1.0


@dataclass
class _Session:
    connected: bool  # seen connected at least once
    left: float | None = None  # when it was first seen not connected
    on_leave: list[Callable[[], None]] = field(default_factory=list)
    on_end: list[Callable[[], None]] = field(default_factory=list)


_sessions: dict[str, _Session] = {}
_lock = threading.Lock()
_thread: list[threading.Thread] = []


def session_id() -> str:
    """The id of the session whose script runs in this thread."""
    return get_script_run_ctx().session_id


def watch() -> None:
    """Watch this run's session (see the module), starting the watch on the first call."""
    sid = session_id()
    with _lock:
        if sid not in _sessions:
            _sessions[sid] = _Session(connected=_connected(sid))
        if not _thread:
            _thread.append(threading.Thread(target=_look, daemon=True, name="sessions"))
            _thread[0].start()


def on_leave(call: Callable[[], None]) -> None:
    """Call ``call`` once this run's session is no longer connected."""
    _held().on_leave.append(call)


def on_end(call: Callable[[], None]) -> None:
    """Call ``call`` once this run's session is gone for good."""
    _held().on_end.append(call)


def connected() -> Callable[[], bool]:
    """Whether this run's session is still connected, as a function to call later (True
    for a session the runtime never had connected)."""
    sid = session_id()
    known = _connected(sid)
    return lambda: not known or _connected(sid)


def forget_uploads() -> None:
    """Remove Streamlit's copies of what this run's session uploaded."""
    if Runtime.exists():
        Runtime.instance().uploaded_file_mgr.remove_session_files(session_id())


def _held() -> _Session:
    watch()
    with _lock:
        return _sessions[session_id()]


def _connected(sid: str) -> bool:
    return Runtime.exists() and Runtime.instance().is_active_session(sid)


def _look() -> None:
    while True:
        time.sleep(EVERY)
        if _gone(time.monotonic(), config.get_option("server.disconnectedSessionTTL")):
            _release()


def _gone(now: float, ttl: float) -> bool:
    """Run the calls of the sessions that left or ended; whether any ended."""
    calls, ended = [], []
    with _lock:
        for sid, held in list(_sessions.items()):
            if _connected(sid):
                held.connected, held.left = True, None
            elif held.connected and held.left is None:
                held.left = now
                calls += held.on_leave
                held.on_leave = []
            elif held.left is not None and now - held.left >= ttl:
                calls += held.on_end
                ended.append(sid)
                del _sessions[sid]
    for call in calls:
        call()
    if ended and Runtime.exists():  # none under AppTest, or once the server stopped
        runtime = Runtime.instance()
        for sid in ended:
            runtime.uploaded_file_mgr.remove_session_files(sid)
            runtime.media_file_mgr.clear_session_refs(sid)
        runtime.media_file_mgr.remove_orphaned_files()
    return bool(ended)


def _release() -> None:
    """Give the memory freed back to the system, where the C library can say so."""
    gc.collect()
    with suppress(AttributeError, OSError):  # not glibc
        ctypes.CDLL(None).malloc_trim(0)
