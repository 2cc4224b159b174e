"""Uploads read off the server's process, each within a time limit, dropped when nobody
waits for them any more.

Reading an upload is the library's work (:func:`gazetteer.ingest_bytes`): up to minutes of
CPU and hundreds of MB for a large one. In the server's own process it would hold a core
and memory the allocator keeps afterwards, and nothing could stop it (a thread cannot be
interrupted inside lxml). So the server keeps :class:`Readers`: ``size`` processes
(``python -m dashboard.reader``, one per server, not per session), each with the
gazetteer loaded, reading one upload at a time. A :class:`Job` is one upload:

- the library rejects the files not started within the job's ``seconds`` (each saying
  so); a file still being read ``grace`` seconds after that (:data:`GRACE`) has its
  reader killed (and replaced), and the whole upload is reported stopped;
- a job whose ``wanted()`` turns false (its session left, or it was cancelled) is
  dropped, waiting or running, the same way;
- a reader whose memory grew by half during a job is replaced after it: the allocator
  would keep that memory for good.

Between the processes go pickles of (files, limits, seconds) one way, progress and the
:class:`gazetteer.Ingested` tables the other, through pipes: nothing touches the disk.
The readers are the module's own (:func:`shared`), not a ``st.cache_resource``: any
visitor can clear that cache for every session, which would orphan running processes.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

import gazetteer

GRACE = 15.0  # seconds a file being read at the time limit gets before its reader dies
POLL = 0.2  # seconds between looks at a running job
GROWTH = 1.5  # a reader whose peak memory passed this times its peak once ready goes
ROOT = Path(__file__).resolve().parent.parent  # what holds the packages dashboard, gazetteer
WARM = ("warm.txt", "هجوم في بغداد".encode())  # a first text: the gazetteer loads for it


@dataclass(eq=False)
class Job:
    """One upload to read: its files, limits and time (``seconds``); ``wanted`` says
    whether anybody still waits for it. The reader fills in ``done`` of ``total`` files,
    then ``result`` or ``error``, and sets ``finished``."""

    files: list[tuple[str, bytes]]
    limits: gazetteer.Limits
    seconds: float
    wanted: Callable[[], bool] = lambda: True
    grace: float = GRACE
    done: int = 0
    total: int = 0
    started: float | None = None
    result: gazetteer.Ingested | None = None
    error: str = ""
    finished: threading.Event = field(default_factory=threading.Event)
    cancelled: bool = False

    def cancel(self) -> None:
        self.cancelled = True

    def dropped(self) -> bool:
        return self.cancelled or not self.wanted()

    def end(self, result: gazetteer.Ingested | None = None, error: str = "") -> None:
        self.result, self.error = result, error
        self.files = []  # the bytes are the reader's now, or nobody's
        self.finished.set()


class Readers:
    """``size`` reader processes taking jobs in the order given (see the module)."""

    def __init__(self, size: int = 1):
        self._waiting: list[Job] = []
        self._ready = threading.Condition()
        for _ in range(size):
            threading.Thread(target=self._serve, daemon=True, name="upload reader").start()

    def submit(self, job: Job) -> Job:
        with self._ready:
            self._waiting.append(job)
            self._ready.notify()
        return job

    def ahead(self, job: Job) -> int:
        """How many jobs wait before ``job`` (0 once it runs)."""
        with self._ready:
            return self._waiting.index(job) if job in self._waiting else 0

    def _next(self) -> Job:
        with self._ready:
            while True:
                for job in [j for j in self._waiting if j.dropped()]:
                    self._waiting.remove(job)
                    job.end(error="dropped: nobody waits for it any more")
                if self._waiting:
                    return self._waiting.pop(0)
                self._ready.wait(POLL * 5)  # and look again for jobs dropped meanwhile

    def _serve(self) -> None:
        """One reader: a process kept warm, given one job at a time."""
        process = _Process()
        while True:
            job = self._next()
            if not process.ready():
                process = _Process()
            if not process.ready():
                job.end(error=f"the reader could not start: {process.failure}")
                time.sleep(POLL * 5)
                continue
            if not _run(process, job):
                process.close()
                process = _Process()


def _run(process: _Process, job: Job) -> bool:
    """Give ``job`` to ``process`` and wait for its end; False when the process is to be
    replaced (killed, dead, or grown)."""
    job.started = time.monotonic()
    job.total = len(job.files)
    process.send((job.files, job.limits, job.seconds))
    last = job.started + job.seconds + job.grace
    while True:
        message = process.receive(POLL)
        if message is None:
            if job.dropped():
                job.end(error="dropped: nobody waits for it any more")
                return False
            if time.monotonic() > last:
                job.end(error=f"not read: reading the upload took longer than the "
                              f"{job.seconds:g} s the host allows (IRAQMAP_UPLOAD_SECONDS); "
                              "upload fewer or smaller files at once")
                return False
            if not process.alive():
                job.end(error=f"not read: the reader stopped ({process.failure})")
                return False
            continue
        kind, *rest = message
        if kind == "progress":
            job.done, job.total = rest
        elif kind == "done":
            result, grown = rest
            job.end(result)
            return not grown
        else:
            job.end(error=f"not read: {rest[0]}")
            return True


class _Process:
    """A reader process, and the pipes to it (framed pickles, :mod:`multiprocessing`'s)."""

    def __init__(self):
        env = os.environ | {"PYTHONPATH": os.pathsep.join(
            [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
        self.failure = ""
        self.popen = subprocess.Popen([sys.executable, "-m", "dashboard.reader"], env=env,
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.to = Connection(os.dup(self.popen.stdin.fileno()), readable=False)
        self.back = Connection(os.dup(self.popen.stdout.fileno()), writable=False)
        self.popen.stdin.close()
        self.popen.stdout.close()
        self._ready: bool | None = None

    def ready(self) -> bool:
        """Whether the process is up with the gazetteer loaded (waits for it)."""
        if self._ready is None:
            self._ready = self.receive(None) == ("ready",)
        return self._ready and self.alive()

    def alive(self) -> bool:
        if self.popen.poll() is None:
            return True
        self.failure = self.failure or f"exit code {self.popen.returncode}"
        return False

    def send(self, message: object) -> None:
        try:
            self.to.send(message)
        except OSError as err:  # it died: alive() says so
            self.failure = str(err)

    def receive(self, timeout: float | None) -> object:
        """The next message, or None when none came within ``timeout`` or it died."""
        try:
            return self.back.recv() if self.back.poll(timeout) else None
        except (EOFError, OSError, pickle.UnpicklingError) as err:
            self.failure = self.failure or f"{type(err).__name__}: {err}"
            self.popen.kill()
            return None

    def close(self) -> None:
        self.popen.kill()
        self.popen.wait()
        self.to.close()
        self.back.close()


_shared: list[Readers] = []
_lock = threading.Lock()


def shared(size: int) -> Readers:
    """The server's readers: ``size`` of them, started on the first call."""
    with _lock:
        if not _shared:
            _shared.append(Readers(size))
        return _shared[0]


def serve() -> None:
    """The reader process: load the gazetteer, say so, then read each job sent on stdin
    and send its progress and tables on stdout (see the module)."""
    source = Connection(os.dup(0), writable=False)
    out = Connection(os.dup(1), readable=False)
    os.dup2(2, 1)  # stdout carries the messages only: whatever else prints goes to stderr
    sys.stdout = sys.stderr
    send = out.send

    gazetteer.ingest_bytes([WARM])
    ready = _peak()
    send(("ready",))
    while True:
        try:
            files, limits, seconds = source.recv()
        except EOFError:  # the server closed the pipe: it is going
            return
        try:
            result = gazetteer.ingest_bytes(
                files, limits=limits, seconds=seconds,
                progress=lambda done, total: send(("progress", done, total)))
        except Exception as err:  # the library reports bad files; this is a bug
            send(("error", f"{type(err).__name__}: {err}"))
            continue
        grown = ready is None or _peak() > GROWTH * ready
        send(("done", result, grown))
        if grown:
            return


def _peak() -> int | None:
    """The process's peak memory (in the system's unit), None where it cannot be told."""
    try:
        import resource
    except ImportError:  # not on Windows: every job then ends its reader
        return None
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


if __name__ == "__main__":
    serve()
