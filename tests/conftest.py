"""Fixtures shared by the test modules."""

from __future__ import annotations

from pathlib import Path

import pytest

from gazetteer.documents import load_corpus

SEEDS = Path(__file__).parent.parent / "seeds"


@pytest.fixture(scope="session")
def seed_docs():
    """The bundled seed articles as loaded documents, by file name."""
    return {doc.doc_id: doc for doc in load_corpus(SEEDS).documents}
