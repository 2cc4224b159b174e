"""The memory of sessions that ended is given back: a short hosted-style soak
(benchmarks/soak.py: the app, visitors in Chromium uploading, filtering, exporting and
leaving), after which the server's process tree returns near where it started."""

from __future__ import annotations

import pytest

from benchmarks import soak

pytestmark = pytest.mark.browser


def test_memory_returns_near_its_baseline_after_the_visitors_leave():
    figures = soak.run(visitors_=3, minutes=1, ttl=5, upload_mb=0.5, every=10,
                       settle_seconds=10)
    assert figures["visits"] >= 3
    assert figures["peak_mb"] > figures["baseline_mb"]  # the visitors did cost something
    assert figures["after_mb"] <= soak.TARGET * figures["baseline_mb"]
