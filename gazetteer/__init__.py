"""Offline Arabic geoparser for Iraqi security news.

    >>> import gazetteer
    >>> gaz = gazetteer.Gazetteer.load()
    >>> [m.name_en for m in gazetteer.Geoparser(gaz).parse("هجوم في وادي الشاي")]
    ['Wadi al-Shay']

Importing the package loads no data: the names below are imported on first use. (No
name here is also a module's, so an attribute never turns into a module once imported.)
"""

from importlib import import_module

_API = {
    "Gazetteer": "index", "Place": "places", "PRECISIONS": "places", "FEATURES": "places",
    "Geoparser": "geoparse", "Mention": "mentions", "Extractor": "pipeline",
    "Extraction": "pipeline", "Document": "documents", "Corpus": "documents",
    "FileReport": "documents", "load_corpus": "documents", "load_bytes": "documents",
    "ingest": "corpus", "ingest_bytes": "corpus", "Ingested": "corpus",
    "fold": "normalize", "MENTION_COLUMNS": "tables", "DOCUMENT_FIELDS": "tables",
    "Limits": "limits", "Dataset": "dataset",
}
__all__ = sorted(_API)


def __getattr__(name: str):
    if name in _API:
        return getattr(import_module(f".{_API[name]}", __name__), name)
    raise AttributeError(f"module 'gazetteer' has no attribute {name!r}")
