"""Uploads read by the server's reader processes (dashboard/reader.py): the tables the
library gives, within the time the host allows, dropped when nobody waits, one set of
processes for every session."""

from __future__ import annotations

import time

import psutil
import pytest
from streamlit.testing.v1 import AppTest

import gazetteer
from dashboard import reader, state
from tests.test_app import APP

ARTICLE = ("k.txt", "اشتباك مسلح قرب كركوك صباح اليوم".encode())
# 9.6 million characters, read under a host's roomier limits: seconds even on a fast machine
# (the default's million characters now take under one).
BOMB = ("bomb.txt", ("بغداد " * 1_600_000).encode())
ROOMY = gazetteer.Limits(text_chars=10_000_000)


@pytest.fixture(scope="module")
def readers() -> reader.Readers:
    return reader.Readers(1)


def readers_running() -> list[psutil.Process]:
    running = []
    for p in psutil.Process().children(recursive=True):
        try:
            if "dashboard.reader" in " ".join(p.cmdline()):
                running.append(p)
        except psutil.NoSuchProcess:  # a reader just killed (a zombie until reaped)
            pass
    return running


def test_a_reader_gives_the_tables_the_library_gives(readers):
    job = readers.submit(reader.Job([ARTICLE], gazetteer.Limits(), 60))
    assert job.finished.wait(120) and not job.error
    here = gazetteer.ingest_bytes([ARTICLE])
    assert job.result.summary == here.summary
    assert job.result.mentions.equals(here.mentions)
    assert (job.done, job.total) == (1, 1) and job.files == []  # the bytes let go


def test_an_upload_past_its_time_stops_its_reader_and_says_so(readers):
    started = time.monotonic()
    job = readers.submit(reader.Job([BOMB], ROOMY, 0.5, grace=0.5))
    assert job.finished.wait(120)
    assert job.result is None and job.error.startswith(
        "not read: reading the upload took longer than the 0.5 s the host allows")
    assert time.monotonic() - started < 8  # the bomb alone takes about 11 s here
    # The reader was replaced: the next upload is read.
    after = readers.submit(reader.Job([ARTICLE], gazetteer.Limits(), 60))
    assert after.finished.wait(120) and after.result.summary.startswith("1 file: 1 loaded")


def test_an_upload_nobody_waits_for_is_dropped_waiting_or_running(readers):
    wanted = [True]
    running = readers.submit(reader.Job([BOMB], ROOMY, 600,
                                        wanted=lambda: wanted[0]))
    waiting = readers.submit(reader.Job([ARTICLE], gazetteer.Limits(), 600,
                                        wanted=lambda: wanted[0]))
    while not running.started:
        time.sleep(0.05)
    assert readers.ahead(waiting) == 0 or waiting.started is None
    wanted[0] = False
    for job in (running, waiting):
        assert job.finished.wait(30)
        assert job.error == "dropped: nobody waits for it any more"


def test_the_files_not_started_in_time_are_rejected_and_the_rest_read(readers):
    job = readers.submit(reader.Job([ARTICLE, BOMB, ARTICLE], ROOMY, 1))
    assert job.finished.wait(120) and job.result is not None
    assert [r.status for r in job.result.report] == ["loaded", "loaded", "rejected"]
    assert job.result.report[2].reason == (
        "not read: the load's time limit of 1 s ran out before it")


def test_every_session_shares_one_set_of_readers(readers, cp1256_article, unlisted_article):
    """Several sessions upload at once: the readers are the server's, not one pool per
    session (16 sessions of 3 MB once started a process per core each)."""
    # The readers of the tests above are up again (one killed there may be being replaced).
    assert readers.submit(reader.Job([ARTICLE], gazetteer.Limits(), 60)).finished.wait(120)
    before, sessions = len(readers_running()), []
    for article in (cp1256_article, unlisted_article, cp1256_article):
        at = AppTest.from_file(APP, default_timeout=120).run()
        upload = (article.name, article.read_bytes(), "text/plain")
        sessions.append(at.file_uploader(key=state.UPLOADS).set_value(upload).run())
    assert all(not at.exception and "1 loaded" in at.expander[0].label for at in sessions)
    assert len(readers_running()) - before <= 1  # the server's one reader, if not yet up
    assert len(reader._shared) == 1
