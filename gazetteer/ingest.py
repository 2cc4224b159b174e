"""A corpus in, the mentions and documents tables out (``python -m gazetteer ingest``)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from .documents import Corpus, Document, FileReport, load_bytes, load_corpus
from .pipeline import Extractor
from .tables import document_row, documents_frame, mention_rows, mentions_frame


@dataclass
class Ingested:
    """The tables of a corpus and what became of each of its files."""

    mentions: pd.DataFrame
    documents: pd.DataFrame
    report: list[FileReport]
    summary: str

    def report_frame(self) -> pd.DataFrame:
        return pd.DataFrame([r.as_row() for r in self.report])


def tabulate(documents: Iterable[Document], extractor: Extractor | None = None
             ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The mentions and documents tables of ``documents``."""
    extractor = extractor or Extractor()
    mentions, docs = [], []
    for doc in documents:
        x = extractor.extract(doc)
        mentions += mention_rows(x)
        docs.append(document_row(x))
    return mentions_frame(mentions), documents_frame(docs)


def _ingested(corpus: Corpus, extractor: Extractor | None) -> Ingested:
    mentions, documents = tabulate(corpus.documents, extractor)
    return Ingested(mentions, documents, corpus.report, corpus.summary())


def ingest(paths: str | os.PathLike | Iterable[str | os.PathLike],
           extractor: Extractor | None = None) -> Ingested:
    """Read files or folders and tabulate every place they name."""
    return _ingested(load_corpus(paths), extractor)


def ingest_bytes(files: Iterable[tuple[str, bytes]], extractor: Extractor | None = None
                 ) -> Ingested:
    """The same for uploaded files, given as (name, bytes)."""
    corpus = Corpus()
    for name, data in files:
        docs, report = load_bytes(name, data)
        corpus.documents += docs
        corpus.report.append(report)
    return _ingested(corpus, extractor)
