"""Fixtures shared by the test modules."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import settings

from gazetteer.documents import load_corpus

SEEDS = Path(__file__).parent.parent / "seeds"

# Hypothesis profiles (tests/test_fuzz.py). CI_PROFILE, the default, is bounded and
# reproducible: a fixed seed, and no example database written into the tree. LONG_PROFILE
# is the long hunt for new inputs: `pytest tests/test_fuzz.py --hypothesis-profile=long`.
# Per-test health-check suppressions stay with the tests that need them.
CI_PROFILE, LONG_PROFILE = "ci", "long"
settings.register_profile(
    CI_PROFILE, max_examples=200, derandomize=True, deadline=None, database=None
)
settings.register_profile(
    LONG_PROFILE, max_examples=20_000, deadline=None, database=None, print_blob=True
)
settings.load_profile(CI_PROFILE)


@pytest.fixture(autouse=True)
def main_module():
    """Streamlit's script runner (AppTest) leaves the app's script as ``__main__``; the
    worker processes a Dask LocalCluster spawns would run it again on start, and fail.
    Each test ends with pytest's own ``__main__`` back."""
    main = sys.modules["__main__"]
    yield
    sys.modules["__main__"] = main


@pytest.fixture(scope="session")
def seed_docs():
    """The bundled seed articles as loaded documents, by file name."""
    return {doc.doc_id: doc for doc in load_corpus(SEEDS).documents}


# An article as Windows Arabic editors save it (cp1256), naming places the seeds do not.
CP1256_ARTICLE = (
    "الرمادي - 12 آذار 2025\n"
    "أعلنت قيادة العمليات المشتركة مقتل ثلاثة عناصر من تنظيم داعش في اشتباك قرب مدينة "
    "تكريت، فيما عثرت قوة أمنية على مخبأ للأسلحة في قضاء بيجي شمالي محافظة صلاح الدين.\n"
)


@pytest.fixture(scope="session")
def cp1256_article(tmp_path_factory) -> Path:
    """A real file of ``CP1256_ARTICLE`` encoded in cp1256 (it names Tikrit)."""
    path = tmp_path_factory.mktemp("upload") / "tikrit.txt"
    path.write_bytes(CP1256_ARTICLE.encode("cp1256"))
    return path


@pytest.fixture
def app():
    """The dashboard after its first run on the seeds, under Streamlit's AppTest."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(SEEDS.parent / "dashboard" / "app.py"), default_timeout=60).run()
    assert not at.exception
    return at


@pytest.fixture(scope="session")
def seed_corpus():
    """The seeds as the dashboard shows them (a ``dashboard.data.Corpus``)."""
    from dashboard import data  # here: the library's tests need no Streamlit

    return data.from_folder(SEEDS)


INCIDENTS = Path(__file__).parent / "data" / "incidents.jsonl"


@pytest.fixture(scope="session")
def incident_corpus():
    """Five short reports (tests/data/incidents.jsonl): one car bomb told by two outlets
    a day apart with tolls that disagree, a bomb elsewhere, the first town a week later,
    and a statement that reports nothing."""
    from dashboard import data

    return data.from_folder(INCIDENTS)


@pytest.fixture(scope="session")
def seed_tables():
    """The seeds' tables in memory, as the library gives them (``gazetteer.Ingested``)."""
    from gazetteer.corpus import ingest

    return ingest(SEEDS)


def kept(corpus, **choices):
    """The mentions of a dashboard corpus that the filters ``choices`` keep, in the
    library's columns (what the exports hold)."""
    from dashboard.filters import Filters
    from dashboard.view import View

    return View(corpus.store, Filters(span=corpus.span, **choices)).rows()


def places(corpus, **choices):
    """The places in view under the filters ``choices``, most mentioned first."""
    from dashboard.filters import Filters
    from dashboard.view import View

    return View(corpus.store, Filters(span=corpus.span, **choices)).places()


@pytest.fixture(scope="session")
def unlisted_article(tmp_path_factory) -> Path:
    """An undated article naming two villages the gazetteer lacks: one located by the
    district after it, one at the article's focus (that district)."""
    path = tmp_path_factory.mktemp("upload") / "unlisted.txt"
    path.write_text("وقع انفجار في قرية الكنعوص صباح اليوم. "
                    "وهاجم مسلحون قرية زنكورة الصغرى التابعة لقضاء الحويجة.", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def unlisted_corpus(unlisted_article):
    """``unlisted_article`` uploaded, as the dashboard shows it."""
    from dashboard import data

    return data.from_uploads([(unlisted_article.name, unlisted_article.read_bytes())])
